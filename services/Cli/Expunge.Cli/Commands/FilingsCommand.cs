using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Expunge.Cli.Commands;

/// <summary><c>expunge filings list|get|request|respond</c>: the motions service's filing packages.</summary>
public static class FilingsCommand
{
    public sealed record DocumentInfo(string Name, string MediaType, long Bytes, string Sha256);

    public sealed record PackageInfo(Guid PackageId, int Version, Guid? RunId, string Court, string Agency, int Rows, int EligibleRows, DateTime CreatedAt,
        IReadOnlyList<DocumentInfo> Documents, int Accepted, int Rejected);

    private sealed record RunFilings(Guid RunId, long AwaitingDecision, IReadOnlyList<PackageInfo> Packages);

    public static Command Create()
    {
        var run = new Option<Guid?>("--run") { Description = "Only this run's packages" };
        var list = new Command("list", "Filing packages, newest first: court, agency, convictions, documents, the court's answers so far.") { run };
        list.SetAction((result, ct) => CommandRunner.RunAsync(async () =>
        {
            using var client = new ServiceClient();
            var packages = await PackagesAsync(client, result.GetValue(run), ct);
            foreach (var p in packages) Print(p);
            if (packages.Count == 0) Console.WriteLine("no filing packages");
            return ExitCodes.Success;
        }));

        var package = new Argument<Guid?>("package") { Description = "Package id (from `expunge filings list`); or give --run", Arity = ArgumentArity.ZeroOrOne };
        var getRun = new Option<Guid?>("--run") { Description = "Every package of this run" };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Where to write the documents (a folder per package)", Required = true };
        var get = new Command("get", "Download a package's documents (motion, proposed order, Exhibit A as PDF and CSV, lists).") { package, getRun, outDir };
        get.SetAction((result, ct) => CommandRunner.RunAsync(async () =>
        {
            using var client = new ServiceClient();
            var packages = result.GetValue(package) is { } id ? [await client.GetAsync<PackageInfo>("motions", $"/api/v1/filings/{id}", ct)]
                : result.GetValue(getRun) is { } r ? await PackagesAsync(client, r, ct)
                : throw new CliException(ExitCodes.InvalidArguments, "Name a package id or give --run RUN.");
            foreach (var p in packages) Console.WriteLine(await DownloadAsync(client, p, result.GetValue(outDir)!, ct));
            return ExitCodes.Success;
        }));

        var requestRun = new Option<Guid?>("--run") { Description = "That run's packages again (new versions from the decisions as they stand); without it, everything decided since the last request" };
        var request = new Command("request", "Ask for filing packages: a run's again, or everything decided since the last request.") { requestRun };
        request.SetAction((result, ct) => CommandRunner.RunAsync(async () =>
        {
            using var client = new ServiceClient();
            var path = result.GetValue(requestRun) is { } r ? $"/api/v1/runs/{r}/filings" : "/api/v1/filings";
            var made = await client.PostAsync<JsonElement>("motions", path, null, ct);
            var id = made.GetProperty("requestId").GetGuid();
            for (var waited = 0; waited < 600; waited++)
            {
                var state = await client.GetAsync<JsonElement>("motions", $"/api/v1/filings/requests/{id}", ct);
                if (state.GetProperty("completedAt").ValueKind == JsonValueKind.String)
                {
                    Console.WriteLine($"filing request {id}: {state.GetProperty("packages").GetInt32()} packages (expunge filings list)");
                    return ExitCodes.Success;
                }
                await Task.Delay(500, ct);
            }
            throw new CliException(ExitCodes.Failure, $"Filing request {id} was not done within 5 minutes; see the motions log.");
        }));

        var responsePackage = new Argument<Guid>("package") { Description = "The package the court answered" };
        var file = new Option<FileInfo>("--file") { Description = "The court's answers: CSV with row_id,outcome,reason (outcome accepted or rejected)", Required = true };
        var by = new Option<string?>("--by") { Description = "Who records the answers" };
        var respond = new Command("respond", "Record the court's per-row answers: accepted rows are granted, rejected rows return to hand review.") { responsePackage, file, by };
        respond.SetAction((result, ct) => CommandRunner.RunAsync(async () =>
        {
            var csv = InputFiles.Existing([result.GetValue(file)!.FullName], "--file").Single();
            using var client = new ServiceClient();
            using var content = new StringContent(await File.ReadAllTextAsync(csv, ct), Encoding.UTF8, "text/csv");
            if (result.GetValue(by) is { } who) content.Headers.Add("X-Expunge-Operator", who);
            var outcome = await client.PostAsync<JsonElement>("motions", $"/api/v1/filings/{result.GetValue(responsePackage)}/responses", content, ct);
            Console.WriteLine($"{outcome.GetProperty("accepted").GetInt32()} rows granted, {outcome.GetProperty("rejected").GetInt32()} back to hand review, " +
                              $"{outcome.GetProperty("alreadyAnswered").GetInt32()} answered before (kept as first answered)");
            return ExitCodes.Success;
        }));

        return new Command("filings", "Filing packages for the court: list, download, request, and record the court's answers.") { list, get, request, respond };
    }

    public static async Task<IReadOnlyList<PackageInfo>> PackagesAsync(ServiceClient client, Guid? run, CancellationToken ct) =>
        run is { } r ? (await client.GetAsync<RunFilings>("motions", $"/api/v1/runs/{r}/filings", ct)).Packages
            : await client.GetAsync<List<PackageInfo>>("motions", "/api/v1/filings", ct);

    /// <summary>Writes a package's documents under <paramref name="root"/>/&lt;agency&gt;-&lt;package&gt;-v&lt;version&gt;/ and says where.</summary>
    public static async Task<string> DownloadAsync(ServiceClient client, PackageInfo package, DirectoryInfo root, CancellationToken ct)
    {
        var folder = Path.Combine(root.FullName, $"{Slug(package.Agency)}-{package.PackageId.ToString()[..8]}-v{package.Version.ToString(CultureInfo.InvariantCulture)}");
        Directory.CreateDirectory(folder);
        foreach (var document in package.Documents)
        {
            await client.DownloadAsync("motions", $"/api/v1/filings/{package.PackageId}/documents/{Uri.EscapeDataString(document.Name)}", Path.Combine(folder, document.Name), ct);
        }
        return $"{folder}: {string.Join(", ", package.Documents.Select(d => d.Name))} ({package.EligibleRows:N0} convictions in Exhibit A, {package.Rows:N0} listed)";
    }

    private static void Print(PackageInfo p)
    {
        Console.WriteLine($"{p.PackageId} v{p.Version} {p.CreatedAt:yyyy-MM-dd HH:mm} {p.Court} / {p.Agency}");
        Console.WriteLine($"  {p.EligibleRows:N0} convictions in Exhibit A, {p.Rows:N0} listed; court answers: {p.Accepted:N0} accepted, {p.Rejected:N0} rejected");
        Console.WriteLine($"  {string.Join(", ", p.Documents.Select(d => $"{d.Name} ({d.Bytes:N0} bytes)"))}");
    }

    private static string Slug(string text) =>
        string.Join('-', text.ToLowerInvariant().Split([' ', ',', '.', '/'], StringSplitOptions.RemoveEmptyEntries));
}
