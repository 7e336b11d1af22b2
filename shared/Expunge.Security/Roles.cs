namespace Expunge.Security;

/// <summary>Who may call the services' business APIs (everything but health, metrics and the OpenAPI document).</summary>
public static class Roles
{
    /// <summary>A county system submitting records and files, and following its runs.</summary>
    public const string CountyIntegration = "county-integration";

    /// <summary>Everything an operator does: runs, reviews, policies, filings, recipients, deliveries.</summary>
    public const string Operator = "operator";

    /// <summary>A court clerk: reads filing packages and records the court's answers.</summary>
    public const string Clerk = "clerk";

    public static readonly IReadOnlyList<string> All = [CountyIntegration, Operator, Clerk];
}
