using System.Security.Cryptography;
using System.Text;

namespace Expunge.Cli.Tests;

/// <summary><c>expunge api-key new</c>: a key and the entry the services accept it by, which holds only its hash.</summary>
public sealed class ApiKeyCommandTests
{
    [Fact]
    public async Task A_new_key_comes_with_its_entry_holding_the_keys_sha256_and_never_the_key()
    {
        var (exitCode, stdout, stderr) = await Cli.RunAsync("api-key", "new", "--name", "lasc-clerks", "--role", "clerk");

        Assert.True(exitCode == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var key = lines.Single(l => l.StartsWith("key ", StringComparison.Ordinal)).Split(": ")[1].Trim();
        var entry = lines.Single(l => l.StartsWith("entry ", StringComparison.Ordinal)).Split(": ")[1].Trim();
        Assert.StartsWith("exk_", key, StringComparison.Ordinal);
        Assert.Equal($"lasc-clerks:clerk:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant()}", entry);
        Assert.DoesNotContain(key, entry, StringComparison.Ordinal);
        // Parsed as the services parse it.
        Assert.Equal("lasc-clerks", Expunge.Security.ApiKeyRing.Parse(entry).Find(key)?.Name);
    }

    [Theory]
    [InlineData("lasc", "admin", "--role 'admin' is not one of county-integration, operator, clerk")]
    [InlineData("la:sc", "clerk", "must be non-empty and hold no ':' or ';'")]
    public async Task A_role_that_is_none_or_a_name_that_would_break_the_entry_exits_3(string name, string role, string message)
    {
        var (exitCode, _, stderr) = await Cli.RunAsync("api-key", "new", "--name", name, "--role", role);

        Assert.Equal(3, exitCode);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_data_key_entry_is_one_the_services_read_and_a_bad_id_exits_3()
    {
        var (exitCode, stdout, stderr) = await Cli.RunAsync("data-key", "new", "--id", "2026-12");

        Assert.True(exitCode == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var entry = lines.Single(l => l.StartsWith("entry ", StringComparison.Ordinal)).Split(": ")[^1].Trim();
        Expunge.Security.LookupHash.Parse(lines.Single(l => l.StartsWith("lookup key ", StringComparison.Ordinal)).Split(": ")[^1].Trim());
        var cipher = Expunge.Security.FieldCipher.Parse(entry);
        Assert.Equal("2026-12", cipher.CurrentKeyId);
        Assert.Equal("DOE,JANE", cipher.OpenText(cipher.Seal("DOE,JANE", "test"), "test"));

        var (badExit, _, badError) = await Cli.RunAsync("data-key", "new", "--id", "a:b");
        Assert.Equal(3, badExit);
        Assert.Contains("--id 'a:b' must be 1 to 64 characters", badError, StringComparison.Ordinal);
    }
}
