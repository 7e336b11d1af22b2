using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Expunge.Cli.Generation;
using Expunge.Hosting;
using Expunge.OperatorConsole;
using Expunge.Testing;
using Microsoft.Playwright;
using RabbitMQ.Client;
using UglyToad.PdfPig;

namespace Expunge.EndToEnd.Tests;

/// <summary>
/// The operator console in a real browser (Debian's chromium, driven by Playwright) on the five running services:
/// what an operator does in a day, each page kept as a screenshot under .local/test-results/screenshots/.
/// </summary>
public sealed class ConsoleBrowserTests(Infrastructure infrastructure)
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string Screenshots = Path.Combine(RunningServices.RepositoryRoot, ".local", "test-results", "screenshots");

    private static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: ./expunge test installs Debian's chromium (apt).");
        // Root in CI: chromium's sandbox needs user namespaces a container may not give.
        return await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        // A screenshot is evidence, not an assertion: on a CI machine busy with the other end-to-end stacks, rendering a
        // full page has taken longer than the 10 s the page's own checks get (it failed a CI run), so it gets its own budget.
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true, Timeout = 90_000 });
    }

    private static async Task SignInAsync(IPage page, string name, string password)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#name", name);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
    }

    [Fact]
    public async Task An_operator_watches_a_run_complete_overrides_a_review_redrives_an_error_and_downloads_an_exhibit_and_a_clerk_sees_none_of_it()
    {
        infrastructure.Require();
        await using var stack = await RunningServices.StartAsync(infrastructure, recordsPerBatch: 100);
        var consoleUrl = await stack.StartConsoleAsync(string.Join(';',
            ConsoleUsers.Entry("a.operator", ConsoleUsers.OperatorRole, "operator-password"), ConsoleUsers.Entry("a.clerk", "clerk", "clerk-password")));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var expect = TimeSpan.FromSeconds(10).TotalMilliseconds;

        // Nobody unauthenticated gets in; a wrong password is refused; a clerk is signed in and refused every page.
        var stranger = await browser.NewPageAsync(new() { BaseURL = consoleUrl.ToString() });
        await stranger.GotoAsync("/runs");
        Assert.EndsWith("/login?ReturnUrl=%2Fruns", stranger.Url, StringComparison.Ordinal);
        await ShotAsync(stranger, "login");
        await SignInAsync(stranger, "a.operator", "wrong");
        await Assertions.Expect(stranger.GetByRole(AriaRole.Alert)).ToContainTextAsync("do not match");
        await SignInAsync(stranger, "a.clerk", "clerk-password");
        await stranger.GotoAsync("/review");
        await Assertions.Expect(stranger.GetByRole(AriaRole.Alert)).ToContainTextAsync("does not have the operator role");
        await ShotAsync(stranger, "denied");

        var page = await browser.NewPageAsync(new() { BaseURL = consoleUrl.ToString(), AcceptDownloads = true });
        page.SetDefaultTimeout((float)expect);
        await SignInAsync(page, "a.operator", "operator-password");
        Assert.EndsWith("/runs", page.Url, StringComparison.Ordinal);

        // A county's run, submitted as a county system would, watched live until every stage is done.
        var dir = Path.Combine(Path.GetTempPath(), "expunge-e2e", $"console-{Guid.NewGuid():N}");
        new CountyPopulationGenerator(new PopulationOptions(People: 600, Seed: 64)).Write(dir);
        var policy = Path.Combine(RunningServices.RepositoryRoot, "samples", "policies", "la-2020.json");
        Assert.Equal(0, (await EndToEndTests.RunCliAsync(stack, "policy", "set", policy, "--by", "a.operator")).ExitCode);
        var submitting = EndToEndTests.RunCliAsync(stack, "submit", "--doj", Path.Combine(dir, GeneratedPopulation.DojFile),
            "--court", Path.Combine(dir, GeneratedPopulation.CourtFile), "--da", Path.Combine(dir, GeneratedPopulation.DaFile), "--policy", policy);
        var (submitted, submitLog) = await submitting;
        Assert.True(submitted == 0, submitLog);
        var runId = Guid.Parse(submitLog.Split('\n')[0]["run ".Length..].Trim());
        await page.GotoAsync("/runs");
        await ShotAsync(page, "runs");
        await page.ClickAsync($"a[href='/runs/{runId}']");
        await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("complete", new() { Timeout = 180_000 });
        await Assertions.Expect(page.Locator("#funnel")).ToContainTextAsync("Convictions delivered to a clerk");
        var funnel = await page.Locator("#funnel").InnerTextAsync();
        Assert.Matches(@"Convictions in filings\s+[1-9][\d,]*", funnel);
        Assert.Equal(5, await page.Locator("#stages td.ok").CountAsync());
        await ShotAsync(page, "run");
        await page.ClickAsync("text=rejected rows");
        await Assertions.Expect(page.Locator("#download-rejected")).ToBeVisibleAsync();
        await ShotAsync(page, "rejected-rows");

        // Hand review: the person's whole history beside the decision; an override with a reason.
        await page.GotoAsync("/review");
        await ShotAsync(page, "hand-review-queue");
        var first = page.Locator("#review tr[data-determination]").First;
        var determinationId = long.Parse((await first.GetAttributeAsync("data-determination"))!, System.Globalization.CultureInfo.InvariantCulture);
        await first.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("#records")).ToBeVisibleAsync();
        Assert.True(await page.Locator("#history tr").CountAsync() > 1, "the person's decided convictions are listed");
        await ShotAsync(page, "hand-review-person");
        await page.SelectOptionAsync("#determination", "Not eligible");
        await page.Locator("#override-form textarea").FillAsync("Court file shows a non-cannabis count on the same case.");
        await page.Locator("#override-form button").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Decision {determinationId} overridden: Not eligible");
        using var http = stack.Client("eligibility");
        using (var item = JsonDocument.Parse(await http.GetStringAsync(new Uri(stack.Urls["eligibility"], $"api/v1/review/{determinationId}"), TestContext.Current.CancellationToken)))
        {
            Assert.Equal("overridden", item.RootElement.GetProperty("status").GetString());
            Assert.Equal("a.operator", item.RootElement.GetProperty("resolvedBy").GetString());
        }

        // Filings: the run's packages per court, their documents, delivery status; the exhibit downloads as a real PDF.
        await page.GotoAsync($"/filings?run={runId}");
        await ShotAsync(page, "filings");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a.document", new() { HasText = "exhibit-a.pdf" }).First.ClickAsync());
        var exhibit = Path.Combine(dir, "downloaded-exhibit-a.pdf");
        await download.SaveAsAsync(exhibit);
        using (var pdf = PdfDocument.Open(exhibit))
        {
            Assert.Contains("Exhibit A", string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text)), StringComparison.Ordinal);
        }

        // Error queues: a message planted where a consumer's failures go is shown with its fault and re-driven.
        var planted = await PlantFaultedBatchAsync(stack);
        // The management API counts messages every few seconds: the page shows the queue once the broker has counted it.
        var queueLink = page.Locator($"a[href='/errors/{planted.ErrorQueue}']");
        await ReloadUntilAsync(page, "/errors", queueLink);
        await queueLink.ClickAsync();
        await Assertions.Expect(page.Locator(".fault")).ToContainTextAsync("planted by the console test");
        await ShotAsync(page, "error-queue");
        await page.Locator($"tr[data-message='{planted.MessageId}'] button").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Re-drove 1 message");
        await Eventually.ReturnsAsync(async () =>
        {
            using var progress = JsonDocument.Parse(await http.GetStringAsync(new Uri(stack.Urls["eligibility"], $"api/v1/runs/{planted.RunId}/progress")));
            return progress.RootElement.GetProperty("processedBatches").GetInt32();
        }, n => n == 1, TimeSpan.FromSeconds(30), "the re-driven batch consumed by eligibility");
        await ReloadUntilAsync(page, "/errors", page.Locator("#no-errors"));

        // Policies: the stored versions, and the run's own policy beside the county's, on the run's people.
        await page.GotoAsync($"/policies?run={runId}&a=run&b={Uri.EscapeDataString("LOS ANGELES|1")}");
        await Assertions.Expect(page.Locator("#comparison")).ToContainTextAsync("People left with no conviction");
        var comparison = await page.Locator("#comparison").InnerTextAsync();
        var people = comparison.Split('\n').First(l => l.StartsWith("People\t", StringComparison.Ordinal)).Split('\t');
        Assert.Equal(people[1], people[2]);
        await ShotAsync(page, "policies-what-if");

        await page.GotoAsync("/system");
        Assert.Equal(5, await page.Locator("#health td.ok").CountAsync());
        await ShotAsync(page, "system");
        await page.GotoAsync("/linkage");
        await ShotAsync(page, "linkage-review");
    }

    private static async Task ReloadUntilAsync(IPage page, string path, ILocator shown)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await page.GotoAsync(path);
            if (await shown.CountAsync() > 0) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{path} did not show {shown} within 30 s");
            await Task.Delay(1000);
        }
    }

    private sealed record PlantedMessage(string ErrorQueue, string MessageId, Guid RunId);

    /// <summary>An empty person-history batch of a new run, put in eligibility's error queue as MassTransit would after
    /// a consumer failed on it: valid, so once re-driven it is consumed and the run's progress shows it.</summary>
    private static async Task<PlantedMessage> PlantFaultedBatchAsync(RunningServices stack)
    {
        var broker = BrokerAddress.Of(new Uri(stack.ServiceEnvironment["EXPUNGE_RABBITMQ"]));
        var factory = new ConnectionFactory
        {
            HostName = broker.Host, Port = broker.Port, VirtualHost = broker.VirtualHost, UserName = broker.User!, Password = broker.Password!,
        };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        const string Queue = "eligibility-person-histories-matched";
        await channel.QueueDeclarePassiveAsync(Queue);
        var errorQueue = Queue + "_error";
        await channel.QueueDeclareAsync(errorQueue, durable: true, exclusive: false, autoDelete: false);
        var (runId, messageId) = (Guid.NewGuid(), Guid.NewGuid().ToString());
        var envelope = new
        {
            messageId,
            conversationId = Guid.NewGuid(),
            destinationAddress = $"rabbitmq://{broker.Host}/{Queue}",
            messageType = new[] { "urn:message:Expunge.Contracts:PersonHistoriesMatched" },
            message = new { runId, sequence = 0, people = Array.Empty<object>() },
            sentTime = DateTime.UtcNow,
        };
        var properties = new BasicProperties
        {
            MessageId = messageId,
            ContentType = "application/vnd.masstransit+json",
            DeliveryMode = DeliveryModes.Persistent,
            Headers = new Dictionary<string, object?>
            {
                ["MT-Fault-ExceptionType"] = "Expunge.Tests.PlantedFault",
                ["MT-Fault-Message"] = "planted by the console test",
                ["MT-Fault-Timestamp"] = DateTime.UtcNow.ToString("O"),
            },
        };
        await channel.BasicPublishAsync("", errorQueue, mandatory: true, properties, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(envelope, JsonSerializerOptions.Web)));
        return new PlantedMessage(errorQueue, messageId, runId);
    }
}
