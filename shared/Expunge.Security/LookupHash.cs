using System.Security.Cryptography;
using System.Text;

namespace Expunge.Security;

/// <summary>
/// Keyed hashes (HMAC-SHA256) of normalised identifiers, stored beside encrypted records so that an operator can find
/// a person by CII number, or by name and date of birth, without those values being stored readable: the same value
/// always gives the same hash, and without the key (<c>EXPUNGE_LOOKUP_KEY</c>, 32 bytes, base64) no one can test a
/// guess against the table. Its own key, apart from <see cref="FieldCipher"/>'s: the data keys rotate, and rotating this
/// one means hashing every record again.
/// </summary>
public sealed class LookupHash
{
    public const string Variable = "EXPUNGE_LOOKUP_KEY";

    private readonly byte[] _key;

    private LookupHash(byte[] key) => _key = key;

    public static LookupHash Parse(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            throw new InvalidOperationException($"{Variable} is not set: lookups by CII number or name and date of birth use a keyed hash, with a key of 32 bytes in base64 (./expunge data-key new makes one; ./expunge up sets a local one).");
        }
        byte[] key;
        try
        {
            key = Convert.FromBase64String(setting.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{Variable}: the key is not base64.");
        }
        return key.Length == 32 ? new LookupHash(key) : throw new InvalidOperationException($"{Variable}: the key has {key.Length} bytes; expected 32.");
    }

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The hash of one lookup key (<c>kind:normalised value</c>), as lower-case hex.</summary>
    public string Of(string lookupKey) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(lookupKey)));
}
