using System.Security.Cryptography;
using System.Text;

namespace Expunge.Persistence;

/// <summary>
/// Deterministic message ids: the same (run, stage, sequence) always yields the same id, so a message published
/// twice (a relay that died between publish and mark, a stage that re-ran a batch) is recognised by every inbox.
/// </summary>
public static class MessageIds
{
    public static Guid For(Guid runId, string stage, long sequence)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{runId:N}/{stage}/{sequence}"), hash);
        var bytes = hash[..16];
        // RFC 9562 version 8 (custom) with the RFC variant bits, so the value is a well-formed UUID.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
