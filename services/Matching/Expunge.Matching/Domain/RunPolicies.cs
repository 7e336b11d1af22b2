using Expunge.EligibilityRules;

namespace Expunge.Matching.Domain;

/// <summary>The policy a run was submitted with (its JSON travels with every batch), read for weighing linkage
/// questions. Ingestion checked it when the run was submitted; one that does not read now weighs nothing.</summary>
public static class RunPolicies
{
    public static Policy? Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return PolicyFile.Parse(json);
        }
        catch (PolicyException)
        {
            return null;
        }
    }
}
