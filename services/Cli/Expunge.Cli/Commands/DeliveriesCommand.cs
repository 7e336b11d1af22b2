using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;

namespace Expunge.Cli.Commands;

/// <summary><c>expunge recipients …</c> and <c>expunge deliveries …</c>: who receives filings and alerts, and what was delivered.</summary>
public static class DeliveriesCommand
{
    public static Command Recipients()
    {
        var audience = new Option<string>("--audience") { Description = "clerk (filing packages) or operator (alerts)", DefaultValueFactory = _ => "clerk" };
        var email = new Option<string?>("--email") { Description = "Deliver by email to this address" };
        var webhook = new Option<string?>("--webhook") { Description = "Deliver by webhook to this URL (signed with --secret, Standard Webhooks)" };
        var secret = new Option<string?>("--secret") { Description = "The webhook's signing secret (whsec_…)" };
        var court = new Option<string?>("--court") { Description = "Only this court's packages (e.g. \"SUPERIOR COURT OF CALIFORNIA, COUNTY OF LOS ANGELES\"); every court's without it" };
        var agency = new Option<string?>("--agency") { Description = "Only this prosecuting agency's packages" };
        var name = new Option<string?>("--name") { Description = "Who this is (for operators reading the list)" };
        var add = new Command("add", "Add a recipient of filing packages (a court clerk) or of alerts (an operator).") { audience, email, webhook, secret, court, agency, name };
        add.SetAction((result, ct) => CommandRunner.RunAsync(async () =>
        {
            var (mail, hook) = (result.GetValue(email), result.GetValue(webhook));
            if ((mail is null) == (hook is null)) throw new CliException(ExitCodes.InvalidArguments, "Give exactly one of --email or --webhook.");
            using var client = new ServiceClient();
            var created = await client.PostAsync<JsonElement>("notifications", "/api/v1/recipients", JsonContent.Create(new
            {
                audience = result.GetValue(audience), channel = mail is not null ? "email" : "webhook", address = mail ?? hook,
                name = result.GetValue(name), court = result.GetValue(court), agency = result.GetValue(agency), secret = result.GetValue(secret),
            }), ct);
            Console.WriteLine($"recipient {created.GetProperty("recipientId").GetGuid()}: {created.GetProperty("audience").GetString()} by {created.GetProperty("channel").GetString()} to {created.GetProperty("address").GetString()}");
            return ExitCodes.Success;
        }));
        var list = new Command("list", "Recipients of filing packages and alerts.");
        list.SetAction((result, ct) => CommandRunner.RunAsync(async () =>
        {
            using var client = new ServiceClient();
            foreach (var r in (await client.GetAsync<JsonElement>("notifications", "/api/v1/recipients", ct)).EnumerateArray())
            {
                Console.WriteLine($"{r.GetProperty("recipientId").GetGuid()} {r.GetProperty("audience").GetString(),-8} {r.GetProperty("channel").GetString(),-7} " +
                                  $"{r.GetProperty("address").GetString()} {(r.GetProperty("active").GetBoolean() ? "" : "(inactive) ")}{Text(r, "court")} {Text(r, "agency")}");
            }
            return ExitCodes.Success;
        }));
        var id = new Argument<Guid>("recipient");
        var remove = new Command("remove", "Stop delivering to a recipient (kept in the record).") { id };
        remove.SetAction((result, ct) => CommandRunner.RunAsync(async () =>
        {
            using var client = new ServiceClient();
            await client.DeleteAsync<object>("notifications", $"/api/v1/recipients/{result.GetValue(id)}", ct);
            Console.WriteLine($"recipient {result.GetValue(id)} will receive nothing more");
            return ExitCodes.Success;
        }));
        return new Command("recipients", "Who receives filing packages (court clerks) and alerts (operators).") { add, list, remove };
    }

    public static Command Deliveries()
    {
        var status = new Option<string?>("--status") { Description = "pending, delivered or dead" };
        var package = new Option<Guid?>("--package") { Description = "Only this package's deliveries" };
        var list = new Command("list", "Deliveries of filing packages and alerts, newest first.") { status, package };
        list.SetAction((result, ct) => CommandRunner.RunAsync(async () =>
        {
            using var client = new ServiceClient();
            var query = $"?limit=200{(result.GetValue(status) is { } s ? $"&status={s}" : "")}{(result.GetValue(package) is { } p ? $"&packageId={p}" : "")}";
            var rows = await client.GetAsync<JsonElement>("notifications", $"/api/v1/deliveries{query}", ct);
            foreach (var d in rows.EnumerateArray())
            {
                Console.WriteLine($"{d.GetProperty("deliveryId").GetGuid()} {d.GetProperty("kind").GetString(),-6} {d.GetProperty("status").GetString(),-9} " +
                                  $"attempts {d.GetProperty("attempts").GetInt32()} {d.GetProperty("channel").GetString()} {d.GetProperty("address").GetString()} {Text(d, "lastError")}");
            }
            if (rows.GetArrayLength() == 0) Console.WriteLine("no deliveries");
            return ExitCodes.Success;
        }));
        var id = new Argument<Guid>("delivery");
        var retry = new Command("retry", "Send a dead delivery again (a fresh set of attempts).") { id };
        retry.SetAction((result, ct) => CommandRunner.RunAsync(async () =>
        {
            using var client = new ServiceClient();
            await client.PostAsync<JsonElement>("notifications", $"/api/v1/deliveries/{result.GetValue(id)}/retry", null, ct);
            Console.WriteLine($"delivery {result.GetValue(id)} will be attempted again now");
            return ExitCodes.Success;
        }));
        return new Command("deliveries", "What was delivered to clerks and operators, and re-sending what failed.") { list, retry };
    }

    private static string Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
}
