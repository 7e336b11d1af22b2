using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Expunge.Testing;

/// <summary>
/// The five services as separate processes, started from their built dlls (as `./expunge up` does), each on its own
/// fresh database and all on one fresh virtual host, so a test can kill and restart any of them.
/// </summary>
public sealed class RunningServices : IAsyncDisposable
{
    public static readonly IReadOnlyList<string> Services = ["ingestion", "matching", "eligibility", "motions", "notifications"];

    private readonly Dictionary<string, Process> _processes = [];
    private readonly Dictionary<string, string> _environment;
    private readonly Dictionary<string, Uri> _urls;
    private readonly string _logs;

    private RunningServices(Dictionary<string, string> environment, Dictionary<string, Uri> urls, Dictionary<string, string> databases, string logs)
    {
        _environment = environment;
        _urls = urls;
        Databases = databases;
        _logs = logs;
    }

    public IReadOnlyDictionary<string, Uri> Urls => _urls;

    /// <summary>The stack's virtual host, addressed directly (not through any route the services take).</summary>
    public Uri Broker { get; private init; } = null!;

    public string VirtualHost => Uri.UnescapeDataString(Broker.AbsolutePath.TrimStart('/'));

    public IReadOnlyDictionary<string, string> Databases { get; }

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>What every service of this stack is started with (its broker's virtual host, say).</summary>
    public IReadOnlyDictionary<string, string> ServiceEnvironment => _environment;

    /// <summary>Environment for a client (the CLI) that talks to this stack.</summary>
    public IReadOnlyDictionary<string, string> ClientEnvironment =>
        Urls.Where(u => Services.Contains(u.Key)).ToDictionary(u => $"EXPUNGE_{u.Key.ToUpperInvariant()}_URL", u => u.Value.ToString().TrimEnd('/'))
            .Append(new("EXPUNGE_RABBITMQ", _environment["EXPUNGE_RABBITMQ"]))
            .Append(new(Expunge.Security.ApiKeyRing.ClientVariable, TestApiKeys.Operator)).ToDictionary();

    /// <summary>An HttpClient on one of the services, sending <paramref name="role"/>'s API key.</summary>
    public HttpClient Client(string service, string role = Expunge.Security.Roles.Operator) => TestApiKeys.Client(Urls[service], role);

    /// <summary>The operator console (a client of the five), signing in the users given (EXPUNGE_CONSOLE_USERS).</summary>
    public async Task<Uri> StartConsoleAsync(string users)
    {
        _environment["EXPUNGE_CONSOLE_USERS"] = users;
        _urls[ConsoleService] = new Uri($"http://127.0.0.1:{FreePort()}/");
        await StartAsync(ConsoleService);
        return _urls[ConsoleService];
    }

    public const string ConsoleService = "console";

    /// <param name="extra">More environment for every service (where notifications delivers, say).</param>
    /// <param name="route">How the services reach the broker, given its address (through a proxy that can cut them off, say).</param>
    /// <param name="databaseRoute">How the services reach their databases, given the connection string (over TLS, say).</param>
    public static async Task<RunningServices> StartAsync(Infrastructure infrastructure, int recordsPerBatch, IReadOnlyDictionary<string, string>? extra = null,
        Func<Uri, Uri>? route = null, Func<string, string>? databaseRoute = null)
    {
        var direct = await infrastructure.CreateVirtualHostAsync("e2e");
        var broker = route is null ? direct : route(direct);
        var environment = new Dictionary<string, string>
        {
            ["EXPUNGE_RABBITMQ"] = broker.ToString(),
            ["EXPUNGE_INGESTION_BATCH_RECORDS"] = recordsPerBatch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
            // A failed delivery is retried within a second, not after the production half minute.
            ["EXPUNGE_DELIVERY_RETRY_SECONDS"] = "0.5",
            [Expunge.Security.ApiKeyRing.Variable] = TestApiKeys.Ring,
            [Expunge.Security.FieldCipher.Variable] = TestDataKeys.Setting,
            [Expunge.Security.LookupHash.Variable] = TestDataKeys.LookupSetting,
            // Notifications calls motions and eligibility, the console all five, as an operator.
            [Expunge.Security.ApiKeyRing.ClientVariable] = TestApiKeys.Operator,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) environment[key] = value;
        var databases = new Dictionary<string, string>();
        var urls = new Dictionary<string, Uri>();
        foreach (var service in Services)
        {
            databases[service] = await infrastructure.CreateDatabaseAsync(service);
            environment[$"EXPUNGE_DB_{service.ToUpperInvariant()}"] = databaseRoute is null ? databases[service] : databaseRoute(databases[service]);
            urls[service] = new Uri($"http://127.0.0.1:{FreePort()}/");
        }
        // Services that call each other's APIs (notifications fetches documents from motions, asks eligibility's backlog).
        foreach (var (service, url) in urls) environment[$"EXPUNGE_{service.ToUpperInvariant()}_URL"] = url.ToString().TrimEnd('/');
        var logs = Path.Combine(Path.GetTempPath(), "expunge-e2e", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(logs);
        var stack = new RunningServices(environment, urls, databases, logs) { Broker = direct };
        await Task.WhenAll(Services.Select(s => stack.StartAsync(s)));
        return stack;
    }

    /// <summary>One more instance of <paramref name="service"/> (named <c>service#2</c>, …) on the same database and
    /// virtual host with a port of its own: a competing consumer on the same queues, as a second replica would be.</summary>
    /// <returns>The instance's name, for <see cref="Urls"/> and <see cref="LogOf"/>.</returns>
    public async Task<string> StartAnotherInstanceAsync(string service)
    {
        var instance = $"{service}#{_urls.Keys.Count(k => k == service || k.StartsWith(service + "#", StringComparison.Ordinal)) + 1}";
        _urls[instance] = new Uri($"http://127.0.0.1:{FreePort()}/");
        await StartAsync(instance);
        return instance;
    }

    /// <param name="extra">Environment for this process only, over the stack's (a fault to inject, say).</param>
    public async Task StartAsync(string service, IReadOnlyDictionary<string, string>? extra = null)
    {
        var program = service.Split('#')[0];
        var name = program == ConsoleService ? "OperatorConsole" : char.ToUpperInvariant(program[0]) + program[1..];
        var dll = Path.Combine(RepositoryRoot, "artifacts", "bin", $"Expunge.{name}", "debug", $"Expunge.{name}.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build the solution first: {dll} is missing.", dll);
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", Urls[service].ToString().TrimEnd('/')])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var (key, value) in _environment) start.Environment[key] = value;
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start)!;
        var log = File.AppendText(Path.Combine(_logs, $"{service}.log"));
        log.AutoFlush = true;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes[service] = process;
        await WaitReadyAsync(service, process);
    }

    /// <summary>SIGKILL: no shutdown hook runs, unacknowledged messages go back to the queue.</summary>
    public async Task KillAsync(string service)
    {
        var process = _processes[service];
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        _processes.Remove(service);
    }

    /// <summary>Waits for the service to end by itself (a fault that kills it); returns whether it did in time.</summary>
    public async Task<bool> ExitedAsync(string service, TimeSpan timeout)
    {
        var process = _processes[service];
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        _processes.Remove(service);
        return true;
    }

    /// <summary>SIGSTOP: the process holds its connections and unacknowledged messages but does nothing, as a process
    /// stuck in a long GC pause or a frozen VM would; <see cref="Resume"/> sends SIGCONT.</summary>
    public void Pause(string service) => Signal(service, "STOP");

    public void Resume(string service) => Signal(service, "CONT");

    private void Signal(string service, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _processes[service].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -{signal} {service} failed with {kill.ExitCode}");
    }

    /// <summary>The built CLI (`expunge …`) against this stack; returns its exit code and everything it printed.</summary>
    public async Task<(int ExitCode, string Output)> RunCliAsync(params string[] args)
    {
        var cli = Path.Combine(RepositoryRoot, "artifacts", "bin", "Expunge.Cli", "debug", "Expunge.Cli.dll");
        var start = new ProcessStartInfo("dotnet", [cli, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in ClientEnvironment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    public string LogOf(string service) => Path.Combine(_logs, $"{service}.log");

    private async Task WaitReadyAsync(string service, Process process)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The {service} service exited with {process.ExitCode}; log: {await File.ReadAllTextAsync(LogOf(service))}");
            }
            try
            {
                if ((await http.GetAsync(new Uri(Urls[service], "health/ready"))).StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The {service} service was not ready within 90 s; log: {LogOf(service)}");
            await Task.Delay(200);
        }
    }

    private static readonly HashSet<int> Handed = [];

    /// <summary>A port nothing listens on that this test process has not handed out before: the kernel may give a
    /// just-released port again, and two services of one stack on one port means one of them never starts while the
    /// other answers its health checks.</summary>
    private static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (Handed)
            {
                if (Handed.Add(port)) return port;
            }
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Expunge.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Expunge.sln not found above the test binaries.");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes.Values)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
            process.Dispose();
        }
    }
}
