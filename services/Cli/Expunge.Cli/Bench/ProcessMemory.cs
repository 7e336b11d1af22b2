using System.Globalization;

namespace Expunge.Cli.Bench;

/// <summary>
/// Memory of the processes a benchmark watches, from /proc (Linux): a process is found by the TCP port it listens on
/// (so the same code finds `./expunge up`'s services, a test's, the broker and PostgreSQL), its peak resident set is
/// the kernel's high-water mark (VmHWM), and PostgreSQL's is the sum over the server and its backends, sampled.
/// </summary>
public static class ProcessMemory
{
    private static readonly string[] TcpTables = ["/proc/net/tcp", "/proc/net/tcp6"];

    /// <summary>The process listening on a local TCP port, or null.</summary>
    public static int? ListenerOf(int port)
    {
        var inodes = new HashSet<string>();
        foreach (var table in TcpTables.Where(File.Exists))
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // local_address is HEXIP:HEXPORT; state 0A is LISTEN.
                if (f.Length > 9 && f[3] == "0A" && int.Parse(f[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port) inodes.Add(f[9]);
            }
        }
        if (inodes.Count == 0) return null;
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                foreach (var fd in Directory.EnumerateFiles(Path.Combine(dir, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal) && inodes.Contains(target[8..^1]))
                    {
                        return int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or DirectoryNotFoundException or IOException)
            {
                // another user's process, or gone
            }
        }
        return null;
    }

    /// <summary>Peak resident set since the process started (VmHWM), in MB.</summary>
    public static double? PeakMb(int pid) => Status(pid, "VmHWM:") is { } kb ? kb / 1024.0 : null;

    /// <summary>Resident set now of a process and all its children (PostgreSQL's backends), in MB.</summary>
    public static double TreeRssMb(int pid)
    {
        var total = Status(pid, "VmRSS:") ?? 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // pid (comm) state ppid …: comm may hold spaces, so read after its closing parenthesis.
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (parent == pid) total += Status(int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture), "VmRSS:") ?? 0;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                // gone
            }
        }
        return total / 1024.0;
    }

    private static long? Status(int pid, string key)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line is null ? null : long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
