using System.Text;
using Expunge.Cli.Generation;
using Expunge.Testing;
using MimeKit;
using UglyToad.PdfPig;

namespace Expunge.EndToEnd.Tests;

/// <summary>A county through all five services to the clerks: filing packages on disk, by email and by signed webhook.</summary>
public sealed class FilingDeliveryTests(Infrastructure infrastructure)
{
    private static string PdfText(string file)
    {
        using var pdf = PdfDocument.Open(file);
        return string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    [Fact]
    public async Task Each_package_reaches_the_clerks_by_email_and_webhook_once_and_its_pdfs_list_every_row_of_its_csv()
    {
        infrastructure.Require();
        await using var inbox = SmtpInbox.Start();
        // The clerks' system is down for the first two deliveries: they are retried and each package arrives once.
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        await using var stack = await RunningServices.StartAsync(infrastructure, recordsPerBatch: 100,
            new Dictionary<string, string> { ["EXPUNGE_SMTP"] = $"127.0.0.1:{inbox.Port}" });
        const string Court = "SUPERIOR COURT OF CALIFORNIA, COUNTY OF LOS ANGELES";
        Assert.Equal(0, (await EndToEndTests.RunCliAsync(stack, "recipients", "add", "--email", "clerk@lacourt.example", "--court", Court)).ExitCode);
        var (added, addLog) = await EndToEndTests.RunCliAsync(stack, "recipients", "add", "--webhook", receiver.Url.ToString(), "--secret", receiver.Secret);
        Assert.True(added == 0, addLog);

        var dir = Path.Combine(Path.GetTempPath(), "expunge-e2e", $"filings-{Guid.NewGuid():N}");
        new CountyPopulationGenerator(new PopulationOptions(People: 400, Seed: 11)).Write(dir);
        var output = Path.Combine(dir, "out");
        var (exitCode, log) = await EndToEndTests.RunCliAsync(stack, "submit", "--doj", Path.Combine(dir, GeneratedPopulation.DojFile),
            "--court", Path.Combine(dir, GeneratedPopulation.CourtFile), "--da", Path.Combine(dir, GeneratedPopulation.DaFile),
            "--policy", Path.Combine(RunningServices.RepositoryRoot, "samples", "policies", "la-2020.json"), "--wait", "--out", output);
        Assert.True(exitCode == 0, log);

        // On disk: a folder per package; each exhibit's PDF names every row of its CSV, and nothing else.
        var packages = Directory.GetDirectories(Path.Combine(output, "filings"));
        Assert.NotEmpty(packages);
        var withMotion = packages.Where(p => File.Exists(Path.Combine(p, "exhibit-a.csv"))).ToList();
        Assert.NotEmpty(withMotion);
        foreach (var package in withMotion)
        {
            var rows = EndToEndTests.ReadCsv(Path.Combine(package, "exhibit-a.csv"));
            var ids = rows.Skip(1).Select(r => r[rows[0].IndexOf("row_id")]).ToList();
            var text = PdfText(Path.Combine(package, "exhibit-a.pdf"));
            Assert.All(ids, id => Assert.Contains(id, text, StringComparison.Ordinal));
            Assert.Equal(ids.Count, System.Text.RegularExpressions.Regex.Count(text, @"\bR[0-9A-HJKMNP-TV-Z]{12}\b"));
            Assert.Contains($"each of the {ids.Count:N0} convictions", PdfText(Path.Combine(package, "motion.pdf")), StringComparison.Ordinal);
            Assert.Contains("Penal Code section 13151", PdfText(Path.Combine(package, "proposed-order.pdf")), StringComparison.Ordinal);
        }

        // By email: one message per package, its documents attached, no defendant's name in the subject.
        await Eventually.ReturnsAsync(() => Task.FromResult(inbox.Messages.Count), n => n >= packages.Length, TimeSpan.FromSeconds(60), "an email per package");
        // By webhook: every package once after the receiver recovered, every request signed.
        await Eventually.ReturnsAsync(() => Task.FromResult(receiver.Requests.Count(r => r.Status == 200)), n => n >= packages.Length, TimeSpan.FromSeconds(60),
            "a webhook per package");
        await Task.Delay(2000, TestContext.Current.CancellationToken); // room for a duplicate to show, were there one
        Assert.Equal(packages.Length, inbox.Messages.Count);
        Assert.Equal(packages.Length, receiver.Requests.Count(r => r.Status == 200));
        Assert.Equal(2, receiver.Requests.Count(r => r.Status == 503));
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid));
        Assert.Equal(packages.Length, receiver.Requests.Where(r => r.Status == 200).Select(r => r.WebhookId).Distinct().Count());
        var names = withMotion.SelectMany(p => EndToEndTests.ReadCsv(Path.Combine(p, "exhibit-a.csv")).Skip(1).Select(r => r[3].Split(',')[0])).Where(n => n.Length > 2).ToHashSet();
        foreach (var message in inbox.Messages)
        {
            var subject = message.Subject ?? "";
            Assert.StartsWith("Filing package ", subject, StringComparison.Ordinal);
            Assert.DoesNotContain(names, n => subject.Contains(n, StringComparison.Ordinal));
            var folder = packages.Single(p => subject.Contains(Path.GetFileName(p).Split('-')[^2].ToUpperInvariant(), StringComparison.Ordinal));
            Assert.Equal(Directory.GetFiles(folder).Select(Path.GetFileName).Order(), message.Attachments.OfType<MimePart>().Select(a => a.FileName).Order());
            var exhibit = message.Attachments.OfType<MimePart>().SingleOrDefault(a => a.FileName == "exhibit-a.csv");
            if (exhibit is not null)
            {
                using var content = new MemoryStream();
                await exhibit.Content!.DecodeToAsync(content, TestContext.Current.CancellationToken);
                Assert.Equal(await File.ReadAllTextAsync(Path.Combine(folder, "exhibit-a.csv"), TestContext.Current.CancellationToken), Encoding.UTF8.GetString(content.ToArray()));
            }
        }
    }
}
