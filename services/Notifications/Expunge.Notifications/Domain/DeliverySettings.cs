namespace Expunge.Notifications.Domain;

/// <summary>
/// How deliveries are made and retried (environment variables, README "Configuration"). A failed attempt waits
/// <see cref="RetryDelay"/> × 2^(attempts − 1) before the next; after <see cref="MaxAttempts"/> the delivery is dead.
/// </summary>
public sealed record DeliverySettings
{
    public string SmtpHost { get; init; } = "127.0.0.1";
    public int SmtpPort { get; init; } = 2525;
    public string From { get; init; } = "expunge@localhost";

    /// <summary>Where recipients download documents, and where this service fetches them to attach.</summary>
    public Uri MotionsUrl { get; init; } = new("http://127.0.0.1:5104");

    public Uri EligibilityUrl { get; init; } = new("http://127.0.0.1:5103");

    /// <summary>This service's API key, sent to motions and eligibility (EXPUNGE_API_KEY).</summary>
    public string? ApiKey { get; init; }

    /// <summary>The named HttpClient that calls the other services with <see cref="ApiKey"/>.</summary>
    public const string PipelineClient = "pipeline";

    /// <summary>The broker's management API (error queues), when known.</summary>
    public Uri? BrokerManagement { get; init; }

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(30);
    public int MaxAttempts { get; init; } = 8;

    /// <summary>Documents up to this size in all are attached to an email; a larger package is sent as links only.</summary>
    public long MaxAttachmentBytes { get; init; } = 20_000_000;

    public TimeSpan AlertInterval { get; init; } = TimeSpan.FromSeconds(60);
    public int ReviewBacklogAlert { get; init; } = 1000;

    public TimeSpan NextDelay(int attempts) => TimeSpan.FromTicks(RetryDelay.Ticks * (1L << Math.Clamp(attempts - 1, 0, 20)));

    public static DeliverySettings Read(IConfiguration c)
    {
        var smtp = (c["EXPUNGE_SMTP"] ?? "127.0.0.1:2525").Split(':', 2);
        var defaults = new DeliverySettings();
        return new DeliverySettings
        {
            SmtpHost = smtp[0],
            SmtpPort = smtp.Length > 1 && int.TryParse(smtp[1], out var port) ? port : 25,
            From = c["EXPUNGE_SMTP_FROM"] ?? defaults.From,
            MotionsUrl = new Uri(c["EXPUNGE_MOTIONS_URL"] ?? defaults.MotionsUrl.ToString()),
            EligibilityUrl = new Uri(c["EXPUNGE_ELIGIBILITY_URL"] ?? defaults.EligibilityUrl.ToString()),
            ApiKey = c["EXPUNGE_API_KEY"],
            BrokerManagement = c["EXPUNGE_RABBITMQ_MANAGEMENT"] is { Length: > 0 } m ? new Uri(m) : null,
            RetryDelay = TimeSpan.FromSeconds(c.GetValue("EXPUNGE_DELIVERY_RETRY_SECONDS", 30.0)),
            MaxAttempts = c.GetValue("EXPUNGE_DELIVERY_MAX_ATTEMPTS", defaults.MaxAttempts),
            AlertInterval = TimeSpan.FromSeconds(c.GetValue("EXPUNGE_ALERT_INTERVAL_SECONDS", 60.0)),
            ReviewBacklogAlert = c.GetValue("EXPUNGE_REVIEW_BACKLOG_ALERT", defaults.ReviewBacklogAlert),
        };
    }
}
