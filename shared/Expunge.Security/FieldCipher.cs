using System.Security.Cryptography;
using System.Text;

namespace Expunge.Security;

/// <summary>
/// Encrypts the columns that hold names, dates of birth and identifiers (ARCHITECTURE.md, "Security and privacy"):
/// AES-256-GCM, a fresh random nonce per value, keys from <c>EXPUNGE_DATA_KEYS</c> (<c>id:base64-32-bytes;…</c>, the
/// first encrypts, all decrypt, so a key is rotated by putting a new one first and keeping the old ones until nothing
/// stored still names them).
/// <para>
/// A stored value is <c>01 | id length | id | nonce (12) | tag (16) | ciphertext</c>. The key id travels with the value,
/// so a reader never guesses the key. The associated data is that header and the value's purpose (its table and column),
/// so a value copied into another column, or given another key id, fails to open instead of being read as something
/// it is not. A value starting <c>00</c> is plaintext: what a migration turned an unencrypted column into, readable so
/// that rows written before encryption are not lost.
/// </para>
/// </summary>
public sealed class FieldCipher
{
    public const string Variable = "EXPUNGE_DATA_KEYS";

    private const byte Plaintext = 0;
    private const byte AesGcmVersion1 = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int KeySize = 32;

    private readonly string _currentId;
    private readonly byte[] _currentIdBytes;
    private readonly Dictionary<string, ThreadLocal<AesGcm>> _keys;

    private FieldCipher(IReadOnlyList<(string Id, byte[] Key)> keys)
    {
        _currentId = keys[0].Id;
        _currentIdBytes = Encoding.UTF8.GetBytes(_currentId);
        // An AesGcm instance may not be used by two threads at once; consumers and the HTTP API run concurrently.
        _keys = keys.ToDictionary(k => k.Id, k => new ThreadLocal<AesGcm>(() => new AesGcm(k.Key, TagSize)), StringComparer.Ordinal);
    }

    /// <summary>The id of the key new values are encrypted with.</summary>
    public string CurrentKeyId => _currentId;

    public static FieldCipher Parse(string? setting)
    {
        var entries = (setting ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
        {
            throw new InvalidOperationException(
                $"{Variable} is not set: personal data is stored encrypted, with keys given as id:base64-of-32-bytes;… (./expunge data-key new makes one; ./expunge up sets a local one).");
        }
        var keys = new List<(string, byte[])>();
        for (var i = 0; i < entries.Length; i++)
        {
            var separator = entries[i].IndexOf(':', StringComparison.Ordinal);
            var id = separator > 0 ? entries[i][..separator] : "";
            string Problem(string what) => $"{Variable} entry {i + 1} ('{id}:…'): {what}";
            if (separator <= 0) throw new InvalidOperationException(Problem("expected id:base64-of-32-bytes"));
            if (Encoding.UTF8.GetByteCount(id) > 255) throw new InvalidOperationException(Problem("the id is longer than 255 bytes"));
            byte[] key;
            try
            {
                key = Convert.FromBase64String(entries[i][(separator + 1)..]);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException(Problem("the key is not base64"));
            }
            if (key.Length != KeySize) throw new InvalidOperationException(Problem($"the key has {key.Length} bytes; AES-256 needs {KeySize}"));
            if (keys.Exists(k => k.Item1 == id)) throw new InvalidOperationException(Problem("the id is used twice"));
            keys.Add((id, key));
        }
        return new FieldCipher(keys);
    }

    /// <summary>A new <c>EXPUNGE_DATA_KEYS</c> entry: 32 random bytes.</summary>
    public static string NewEntry(string id) => $"{id}:{Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeySize))}";

    public byte[] Seal(ReadOnlySpan<byte> plaintext, string purpose)
    {
        var id = _currentIdBytes;
        var headerSize = 2 + id.Length;
        var sealedValue = new byte[headerSize + NonceSize + TagSize + plaintext.Length];
        sealedValue[0] = AesGcmVersion1;
        sealedValue[1] = (byte)id.Length;
        id.CopyTo(sealedValue, 2);
        var nonce = sealedValue.AsSpan(headerSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        _keys[_currentId].Value!.Encrypt(nonce, plaintext, sealedValue.AsSpan(headerSize + NonceSize + TagSize),
            sealedValue.AsSpan(headerSize + NonceSize, TagSize), AssociatedData(sealedValue.AsSpan(0, headerSize), purpose));
        return sealedValue;
    }

    public byte[] Seal(string text, string purpose) => Seal(Encoding.UTF8.GetBytes(text), purpose);

    public byte[] Open(ReadOnlySpan<byte> stored, string purpose)
    {
        if (stored.Length == 0) throw new CryptographicException($"An empty value is stored as {purpose}.");
        if (stored[0] == Plaintext) return stored[1..].ToArray();
        if (stored[0] != AesGcmVersion1) throw new CryptographicException($"A value of {purpose} has format {stored[0]}, which this version cannot read.");
        var headerSize = 2 + stored[1];
        if (stored.Length < headerSize + NonceSize + TagSize) throw new CryptographicException($"A value of {purpose} is cut short.");
        var id = Encoding.UTF8.GetString(stored.Slice(2, stored[1]));
        if (!_keys.TryGetValue(id, out var key))
        {
            throw new CryptographicException($"A value of {purpose} is encrypted with key '{id}', which {Variable} does not hold (it holds {string.Join(", ", _keys.Keys)}).");
        }
        var plaintext = new byte[stored.Length - headerSize - NonceSize - TagSize];
        try
        {
            key.Value!.Decrypt(stored.Slice(headerSize, NonceSize), stored[(headerSize + NonceSize + TagSize)..],
                stored.Slice(headerSize + NonceSize, TagSize), plaintext, AssociatedData(stored[..headerSize], purpose));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new CryptographicException($"A value of {purpose} failed its integrity check under key '{id}': altered, or stored under another purpose.");
        }
        return plaintext;
    }

    public string OpenText(ReadOnlySpan<byte> stored, string purpose) => Encoding.UTF8.GetString(Open(stored, purpose));

    /// <summary>The key a stored value is encrypted with; null for a plaintext value (rotation: what still needs re-sealing).</summary>
    public static string? KeyIdOf(ReadOnlySpan<byte> stored) =>
        stored.Length > 1 && stored[0] == AesGcmVersion1 && stored.Length >= 2 + stored[1] ? Encoding.UTF8.GetString(stored.Slice(2, stored[1])) : null;

    private static byte[] AssociatedData(ReadOnlySpan<byte> header, string purpose)
    {
        var data = new byte[header.Length + Encoding.UTF8.GetByteCount(purpose)];
        header.CopyTo(data);
        Encoding.UTF8.GetBytes(purpose, data.AsSpan(header.Length));
        return data;
    }
}

/// <summary>Values stored as encrypted JSON (a record, an identity, a person's history).</summary>
public static class FieldCipherJson
{
    public static byte[] SealJson<T>(this FieldCipher cipher, T value, string purpose) =>
        cipher.Seal(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, System.Text.Json.JsonSerializerOptions.Web), purpose);

    public static T OpenJson<T>(this FieldCipher cipher, ReadOnlySpan<byte> stored, string purpose) =>
        System.Text.Json.JsonSerializer.Deserialize<T>(cipher.Open(stored, purpose), System.Text.Json.JsonSerializerOptions.Web)
        ?? throw new System.Security.Cryptography.CryptographicException($"A value of {purpose} holds JSON null.");
}
