using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Expunge.Cli.Commands;

/// <summary><c>expunge linkage review|link|split</c>: the person-linkage review queue of the matching service.</summary>
public static class LinkageReviewCommand
{
    public static Command Create()
    {
        var status = new Option<string>("--status") { Description = "open, linked, split or superseded", DefaultValueFactory = _ => "open" };
        var limit = new Option<int>("--limit") { Description = "How many pairs", DefaultValueFactory = _ => 20 };
        var review = new Command("review", "List pairs of records that may be one person, with the evidence for and against.") { status, limit };
        review.SetAction((result, ct) => CommandRunner.RunAsync(async () =>
        {
            using var client = new ServiceClient();
            var pairs = await client.GetAsync<JsonElement>("matching",
                $"/api/v1/linkage/review?status={Uri.EscapeDataString(result.GetValue(status)!)}&limit={result.GetValue(limit)}", ct);
            foreach (var pair in pairs.EnumerateArray())
            {
                Console.WriteLine($"pair {pair.GetProperty("pairId").GetInt64()}: p={pair.GetProperty("probability").GetDouble().ToString("0.000", CultureInfo.InvariantCulture)} " +
                                  $"({pair.GetProperty("reason").GetString()}), {pair.GetProperty("status").GetString()}");
                Console.WriteLine($"  A {pair.GetProperty("aSource").GetString()}:{pair.GetProperty("aRecordId").GetString()} {Identity(pair.GetProperty("a"))}");
                Console.WriteLine($"  B {pair.GetProperty("bSource").GetString()}:{pair.GetProperty("bRecordId").GetString()} {Identity(pair.GetProperty("b"))}");
                foreach (var field in pair.GetProperty("evidence").EnumerateArray())
                {
                    var weight = field.GetProperty("weight").GetDouble();
                    Console.WriteLine($"    {(weight >= 0 ? "for    " : "against")} {weight,6:+0.0;-0.0} {field.GetProperty("field").GetString()}: {field.GetProperty("agreement").GetString()}");
                }
            }
            if (pairs.GetArrayLength() == 0) Console.WriteLine($"no {result.GetValue(status)} pairs");
            return ExitCodes.Success;
        }));
        return new Command("linkage", "Person linkage: the review queue and an operator's link or split decisions.") { review, Decide("link", true), Decide("split", false) };
    }

    private static Command Decide(string name, bool link)
    {
        var pair = new Argument<long>("pair") { Description = "Pair id (from `expunge linkage review`)" };
        var note = new Option<string>("--note") { Description = "Why (kept with the decision)", Required = true };
        var by = new Option<string?>("--by") { Description = "Who decides (recorded)" };
        var command = new Command(name, link ? "The two records are one person: merge their people." : "The two records are different people: separate them.")
        {
            pair, note, by,
        };
        command.SetAction((result, ct) => CommandRunner.RunAsync(async () =>
        {
            using var client = new ServiceClient();
            using var content = new StringContent(JsonSerializer.Serialize(new { note = result.GetValue(note) }), Encoding.UTF8, "application/json");
            if (result.GetValue(by) is { } who) content.Headers.Add("X-Expunge-Operator", who);
            var decided = await client.PostAsync<JsonElement>("matching", $"/api/v1/linkage/review/{result.GetValue(pair)}/{name}", content, ct);
            var run = decided.GetProperty("correctionRunId");
            Console.WriteLine($"pair {result.GetValue(pair)}: {decided.GetProperty("decision").GetString()}" +
                              (run.ValueKind == JsonValueKind.String ? $"; the people changed are decided again in run {run.GetString()}" : "; no person changed"));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Identity(JsonElement record) => record.ValueKind != JsonValueKind.Object ? "(no identity)"
        : $"{Text(record, "surname")}, {Text(record, "givenName")} born {Text(record, "dateOfBirth")} CII {Text(record, "strongId")}";

    private static string Text(JsonElement record, string property) =>
        record.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "-";
}
