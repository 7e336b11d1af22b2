using System.Net.Http.Headers;
using System.Text;

namespace Expunge.Hosting;

/// <summary>
/// The broker's address as the configuration gives it (<c>amqp://user:password@host:port/vhost</c>; the management API
/// as <c>http://user:password@host:port</c>), read in one place for everything that talks to RabbitMQ: the bus, the
/// console's error-queue tools, the alert monitor. <c>amqps://</c> means TLS (<see cref="BrokerTls"/>).
/// </summary>
public sealed record BrokerAddress(string Host, int Port, string VirtualHost, string? User, string? Password, bool Tls = false)
{
    public const int AmqpPort = 5672;
    public const int AmqpsPort = 5671;

    /// <summary>Credentials count only when both name and password are given (otherwise the client's defaults apply).</summary>
    public static BrokerAddress Of(Uri amqp)
    {
        var credentials = Uri.UnescapeDataString(amqp.UserInfo).Split(':', 2);
        var vhost = Uri.UnescapeDataString(amqp.AbsolutePath.TrimStart('/'));
        var tls = string.Equals(amqp.Scheme, "amqps", StringComparison.OrdinalIgnoreCase);
        return new BrokerAddress(amqp.Host, amqp.IsDefaultPort || amqp.Port < 0 ? (tls ? AmqpsPort : AmqpPort) : amqp.Port, vhost.Length > 0 ? vhost : "/",
            credentials.Length == 2 ? credentials[0] : null, credentials.Length == 2 ? credentials[1] : null, tls);
    }

    /// <summary>The management API's Basic credentials from its address's user info, or null when it has none.</summary>
    public static AuthenticationHeaderValue? ManagementAuthorization(Uri management) =>
        management.UserInfo.Length > 0
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(management.UserInfo))))
            : null;
}
