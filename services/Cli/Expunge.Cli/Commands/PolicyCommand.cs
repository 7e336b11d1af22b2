using System.CommandLine;
using System.Text;
using System.Text.Json;

namespace Expunge.Cli.Commands;

/// <summary><c>expunge policy set|show</c>: the county policies the eligibility service decides with, versioned.</summary>
public static class PolicyCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Policy file (JSON; see interfaces.md)" };
        var county = new Option<string?>("--county") { Description = "County the policy is for (overrides the file's county)" };
        var by = new Option<string?>("--by") { Description = "Who is setting it (recorded with the version)" };
        var set = new Command("set", "Validate a policy file and store it as the county's next policy version.") { file, county, by };
        set.SetAction((result, ct) => CommandRunner.RunAsync(async () =>
        {
            var policy = AnalyzeCommand.LoadPolicy(result.GetValue(file)!, result.GetValue(county), null);
            using var client = new ServiceClient();
            using var content = new StringContent(File.ReadAllText(result.GetValue(file)!.FullName), Encoding.UTF8, "application/json");
            if (result.GetValue(by) is { } who) content.Headers.Add("X-Expunge-Operator", who);
            var stored = await client.PutAsync<JsonElement>("eligibility", $"/api/v1/policies/{Uri.EscapeDataString(policy.County)}", content, ct);
            Console.WriteLine($"{stored.GetProperty("county").GetString()}: {stored.GetProperty("name").GetString()} version {stored.GetProperty("version").GetInt32()}");
            return ExitCodes.Success;
        }));

        var showCounty = new Argument<string>("county") { Description = "County name, e.g. \"LOS ANGELES\"" };
        var show = new Command("show", "Show a county's current policy and its versions.") { showCounty };
        show.SetAction((result, ct) => CommandRunner.RunAsync(async () =>
        {
            using var client = new ServiceClient();
            var policy = await client.GetAsync<JsonElement>("eligibility", $"/api/v1/policies/{Uri.EscapeDataString(result.GetValue(showCounty)!)}", ct);
            var current = policy.GetProperty("current");
            Console.WriteLine($"{current.GetProperty("county").GetString()}: {current.GetProperty("name").GetString()} version {current.GetProperty("version").GetInt32()}");
            Console.WriteLine(current.GetProperty("policyJson").GetString());
            foreach (var version in policy.GetProperty("versions").EnumerateArray())
            {
                Console.WriteLine($"  version {version.GetProperty("version").GetInt32()}: {version.GetProperty("name").GetString()}, set {version.GetProperty("createdAt").GetDateTime():u} by {version.GetProperty("createdBy").GetString()}");
            }
            return ExitCodes.Success;
        }));
        return new Command("policy", "County policies in the eligibility service.") { set, show };
    }
}
