using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace Expunge.Hosting;

/// <summary>
/// TLS to the broker when its address is <c>amqps://</c>: TLS 1.2 or 1.3, the server's name checked, and its
/// certificate trusted by the system's roots or, for a county's private CA, by <c>EXPUNGE_TLS_CA</c> (a PEM file).
/// (The database's TLS is Npgsql's own: <c>SSL Mode=VerifyFull;Root Certificate=…</c> in the connection string.)
/// </summary>
public static class BrokerTls
{
    public const string CaVariable = "EXPUNGE_TLS_CA";

    public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>Validates the broker's certificate: clean by the system's roots, or chaining to the configured CA with
    /// nothing else wrong (a name mismatch is never forgiven).</summary>
    public static RemoteCertificateValidationCallback Validation(IConfiguration? configuration)
    {
        var caFile = configuration?[CaVariable];
        var ca = string.IsNullOrWhiteSpace(caFile) ? null : X509CertificateLoader.LoadCertificateFromFile(caFile);
        return (_, certificate, _, errors) =>
        {
            if (errors == SslPolicyErrors.None) return true;
            if (ca is null || errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var presented = new X509Certificate2(certificate);
            return chain.Build(presented);
        };
    }
}
