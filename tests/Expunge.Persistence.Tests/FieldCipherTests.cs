using System.Security.Cryptography;
using System.Text;
using Expunge.Security;

namespace Expunge.Persistence.Tests;

/// <summary>The cipher personal data is stored with (pure: no database).</summary>
public sealed class FieldCipherTests
{
    private const string Purpose = "matching.source_record.identity";

    [Fact]
    public void A_value_opens_to_what_was_sealed_and_holds_no_byte_of_it_in_the_clear()
    {
        var cipher = FieldCipher.Parse(FieldCipher.NewEntry("k1"));
        var stored = cipher.Seal("DE LA CRUZ,PATRICIA R|19620314|A12345678", Purpose);
        Assert.Equal("DE LA CRUZ,PATRICIA R|19620314|A12345678", cipher.OpenText(stored, Purpose));
        Assert.DoesNotContain("PATRICIA", Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
        Assert.Equal("k1", FieldCipher.KeyIdOf(stored));
        // A fresh nonce each time: the same name twice is two unrelated values (no equality leak).
        Assert.NotEqual(stored, cipher.Seal("DE LA CRUZ,PATRICIA R|19620314|A12345678", Purpose));
    }

    [Fact]
    public void Rotation_new_values_take_the_first_key_and_values_under_older_keys_still_open()
    {
        var (old, current) = (FieldCipher.NewEntry("2025"), FieldCipher.NewEntry("2026"));
        var before = FieldCipher.Parse(old).Seal("DOE,JANE", Purpose);
        var rotated = FieldCipher.Parse($"{current};{old}");
        Assert.Equal("DOE,JANE", rotated.OpenText(before, Purpose));
        Assert.Equal("2026", FieldCipher.KeyIdOf(rotated.Seal("DOE,JANE", Purpose)));

        var withoutOld = FieldCipher.Parse(current);
        var refused = Assert.Throws<CryptographicException>(() => withoutOld.Open(before, Purpose));
        Assert.Contains("key '2025'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_altered_value_a_value_moved_to_another_column_and_a_relabelled_key_id_fail_to_open()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var cipher = FieldCipher.Parse($"a:{key};b:{key}");
        var stored = cipher.Seal("DOE,JANE", Purpose);

        var altered = (byte[])stored.Clone();
        altered[^1] ^= 1;
        Assert.Throws<CryptographicException>(() => cipher.Open(altered, Purpose));
        Assert.Throws<CryptographicException>(() => cipher.Open(stored, "eligibility.person_history.history"));
        // Same key bytes under another id: the id is authenticated too.
        var relabelled = (byte[])stored.Clone();
        relabelled[2] = (byte)'b';
        Assert.Throws<CryptographicException>(() => cipher.Open(relabelled, Purpose));
    }

    [Fact]
    public void A_value_a_migration_left_in_the_clear_still_reads()
    {
        var cipher = FieldCipher.Parse(FieldCipher.NewEntry("k1"));
        Assert.Equal("{\"name\":\"DOE,JANE\"}", cipher.OpenText([0, .. "{\"name\":\"DOE,JANE\"}"u8], Purpose));
        Assert.Null(FieldCipher.KeyIdOf([0, .. "{}"u8]));
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("  ", "is not set")]
    [InlineData("nokey", "entry 1 (':…'): expected id:base64")]
    [InlineData("k1:not base64!", "entry 1 ('k1:…'): the key is not base64")]
    [InlineData("k1:AAAA", "entry 1 ('k1:…'): the key has 3 bytes; AES-256 needs 32")]
    public void A_bad_setting_is_refused_saying_which_entry_and_why(string? setting, string expected)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => FieldCipher.Parse(setting));
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.StartsWith(FieldCipher.Variable, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_id_twice_is_refused()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => FieldCipher.Parse($"{FieldCipher.NewEntry("k")};{FieldCipher.NewEntry("k")}"));
        Assert.Contains("entry 2 ('k:…'): the id is used twice", refused.Message, StringComparison.Ordinal);
    }
}
