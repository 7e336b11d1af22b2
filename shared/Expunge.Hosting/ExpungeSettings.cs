using Microsoft.Extensions.Configuration;

namespace Expunge.Hosting;

/// <summary>
/// Where a service finds its database and the broker. The names are environment variables printed by
/// <c>./expunge up</c> (scripts/infra.sh); see README "Configuration".
/// </summary>
public static class ExpungeSettings
{
    public static string DatabaseConnectionString(this IConfiguration configuration, string service) =>
        configuration[$"EXPUNGE_DB_{service.ToUpperInvariant()}"]
        ?? throw new InvalidOperationException($"EXPUNGE_DB_{service.ToUpperInvariant()} is not set: the {service} service needs its PostgreSQL connection string (./expunge up prints it).");

    public static Uri RabbitMqUri(this IConfiguration configuration) =>
        new(configuration["EXPUNGE_RABBITMQ"]
            ?? throw new InvalidOperationException("EXPUNGE_RABBITMQ is not set: an amqp://user:password@host:port/vhost address of the broker (./expunge up prints it)."));
}
