using System.Security.Cryptography;
using Expunge.Contracts;
using Expunge.Notifications.Domain;

namespace Expunge.Notifications.Delivery;

/// <summary>A package's documents, fetched from the motions service (this service never reads its database) and
/// checked against the digests the FilingGenerated event carried.</summary>
public sealed class PackageDocuments(HttpClient motions)
{
    public const string ClientName = "motions";

    public async Task<IReadOnlyList<(FilingDocument Document, byte[] Content)>> FetchAsync(FilingGenerated package, CancellationToken ct)
    {
        var documents = new List<(FilingDocument, byte[])>();
        foreach (var document in package.Documents)
        {
            var content = await motions.GetByteArrayAsync(Notices.DocumentUrl(motions.BaseAddress!, package.PackageId, document.Name), ct);
            var digest = Convert.ToHexStringLower(SHA256.HashData(content));
            if (digest != document.Sha256)
            {
                throw new InvalidOperationException($"Document {document.Name} of package {Notices.Reference(package)} does not match its SHA-256 ({digest}, expected {document.Sha256}).");
            }
            documents.Add((document, content));
        }
        return documents;
    }
}
