using System.Security.Cryptography;
using System.Text;

namespace Expunge.Security;

/// <summary>One API key as the services store it: who holds it, in which role, and the SHA-256 of the key (never the key).</summary>
public sealed record ApiKey(string Name, string Role, byte[] Hash);

/// <summary>
/// The keys the services accept, from <c>EXPUNGE_API_KEYS</c>: <c>name:role:sha256-hex;…</c>. A holder may have several
/// keys at once, which is how a key is rotated: add the new one, move the client over, remove the old one. The keys are
/// 32 random bytes (<see cref="NewKey"/>), so a plain SHA-256 is enough to keep a leaked configuration from being a
/// leaked key; a slow password hash would only slow every request.
/// </summary>
public sealed class ApiKeyRing(IReadOnlyList<ApiKey> keys)
{
    public const string Variable = "EXPUNGE_API_KEYS";

    /// <summary>The key a client (the CLI, the console, one service calling another) sends.</summary>
    public const string ClientVariable = "EXPUNGE_API_KEY";

    /// <summary>The request header a client sends its key in (<c>Authorization: Bearer</c> is accepted too).</summary>
    public const string Header = "X-Api-Key";

    public IReadOnlyList<ApiKey> Keys => keys;

    public static ApiKeyRing Parse(string? setting)
    {
        var keys = new List<ApiKey>();
        var entries = (setting ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < entries.Length; i++)
        {
            var fields = entries[i].Split(':');
            string Problem(string what) => $"{Variable} entry {i + 1} ('{(fields.Length > 0 ? fields[0] : "")}:…'): {what}";
            if (fields.Length != 3) throw new InvalidOperationException(Problem($"expected name:role:sha256-hex, found {fields.Length} fields"));
            if (fields[0].Length == 0) throw new InvalidOperationException(Problem("the name is empty"));
            if (!Roles.All.Contains(fields[1])) throw new InvalidOperationException(Problem($"role '{fields[1]}' is not one of {string.Join(", ", Roles.All)}"));
            byte[] hash;
            try
            {
                hash = Convert.FromHexString(fields[2]);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException(Problem("the hash is not hexadecimal"));
            }
            if (hash.Length != 32) throw new InvalidOperationException(Problem($"the hash has {hash.Length} bytes; a SHA-256 has 32"));
            keys.Add(new ApiKey(fields[0], fields[1], hash));
        }
        return new ApiKeyRing(keys);
    }

    /// <summary>The holder of <paramref name="presented"/>, compared in constant time with every stored hash.</summary>
    public ApiKey? Find(string presented)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKey? found = null;
        foreach (var key in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash)) found = key;
        }
        return found;
    }

    public static string NewKey() => "exk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The <c>EXPUNGE_API_KEYS</c> entry for a key.</summary>
    public static string EntryFor(string name, string role, string key) =>
        $"{name}:{role}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant()}";
}
