using Expunge.Security;

namespace Expunge.Ingestion.Tests;

/// <summary>EXPUNGE_API_KEYS as every service reads it (Expunge.Hosting): hashes only, several keys per holder, and a
/// mistyped entry stops the service with what is wrong instead of silently locking a county system out.</summary>
public sealed class ApiKeyRingTests
{
    [Fact]
    public void A_key_is_found_by_its_hash_and_a_holder_may_have_two_while_one_is_rotated_out()
    {
        var (old, current, other) = (ApiKeyRing.NewKey(), ApiKeyRing.NewKey(), ApiKeyRing.NewKey());
        var ring = ApiKeyRing.Parse(string.Join(";", ApiKeyRing.EntryFor("da-system", Roles.CountyIntegration, old),
            ApiKeyRing.EntryFor("da-system", Roles.CountyIntegration, current), ApiKeyRing.EntryFor("lasc", Roles.Clerk, other)));

        Assert.Equal(("da-system", Roles.CountyIntegration), (ring.Find(old)!.Name, ring.Find(old)!.Role));
        Assert.Equal("da-system", ring.Find(current)!.Name);
        Assert.Equal(Roles.Clerk, ring.Find(other)!.Role);
        Assert.Null(ring.Find(ApiKeyRing.NewKey()));
        Assert.Null(ring.Find(old + "x"));
        Assert.DoesNotContain(ring.Keys, k => k.Hash.SequenceEqual(System.Text.Encoding.UTF8.GetBytes(old)));
    }

    [Fact]
    public void Keys_are_long_random_and_distinct()
    {
        var keys = Enumerable.Range(0, 100).Select(_ => ApiKeyRing.NewKey()).ToList();

        Assert.Equal(100, keys.Distinct().Count());
        Assert.All(keys, k => Assert.True(k.Length >= 40 && k.StartsWith("exk_", StringComparison.Ordinal), k));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("", 0)]
    [InlineData(" ; ", 0)]
    public void Nothing_set_is_an_empty_ring(string? setting, int count) => Assert.Equal(count, ApiKeyRing.Parse(setting).Keys.Count);

    [Theory]
    [InlineData("county:county-integration", "entry 1", "expected name:role:sha256-hex, found 2 fields")]
    [InlineData(":operator:00", "entry 1", "the name is empty")]
    [InlineData("ok:operator:221f215a6b81f6b17fd7d81df83a8de2b24b3f27de40587e2f60d34c86b007dc;x:admin:00", "entry 2", "role 'admin' is not one of county-integration, operator, clerk")]
    [InlineData("x:clerk:not-hex", "entry 1", "the hash is not hexadecimal")]
    [InlineData("x:clerk:abcd", "entry 1", "the hash has 2 bytes; a SHA-256 has 32")]
    public void A_bad_entry_is_refused_saying_which_and_why(string setting, string entry, string why)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => ApiKeyRing.Parse(setting));

        Assert.Contains($"{ApiKeyRing.Variable} {entry}", refused.Message, StringComparison.Ordinal);
        Assert.Contains(why, refused.Message, StringComparison.Ordinal);
    }
}
