using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Expunge.OperatorConsole;

public sealed record ConsoleUser(string Name, string Role, string PasswordHash);

/// <summary>
/// Who may sign in: <c>EXPUNGE_CONSOLE_USERS</c>, entries <c>name:role:hash</c> separated by <c>;</c>, the hash being
/// ASP.NET Core Identity's (PBKDF2, salted), made by <c>Expunge.OperatorConsole hash-password NAME ROLE</c>. Only the
/// <c>operator</c> role sees the console's pages; other roles (a clerk) can sign in and are refused.
/// </summary>
public sealed class ConsoleUsers
{
    public const string OperatorRole = "operator";
    public const string Setting = "EXPUNGE_CONSOLE_USERS";

    private static readonly PasswordHasher<string> Hasher = new();
    private readonly Dictionary<string, ConsoleUser> _users;

    public ConsoleUsers(IEnumerable<ConsoleUser> users) => _users = users.ToDictionary(u => u.Name, StringComparer.OrdinalIgnoreCase);

    public static ConsoleUsers Read(IConfiguration configuration) =>
        new((configuration[Setting] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Split(':', 3) is [var name, var role, var hash] ? new ConsoleUser(name, role, hash)
                : throw new InvalidOperationException($"{Setting}: '{entry.Split(':')[0]}…' is not name:role:hash.")));

    public int Count => _users.Count;

    /// <summary>The signed-in identity, or null for an unknown name or a wrong password (the same answer for both).</summary>
    public ClaimsPrincipal? SignIn(string name, string password)
    {
        if (!_users.TryGetValue(name.Trim(), out var user))
        {
            // Spend the same time as a real check, so a wrong name cannot be told from a wrong password.
            Hasher.VerifyHashedPassword(name, Hasher.HashPassword(name, "x"), password);
            return null;
        }
        if (Hasher.VerifyHashedPassword(user.Name, user.PasswordHash, password) == PasswordVerificationResult.Failed) return null;
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role)], "console");
        return new ClaimsPrincipal(identity);
    }

    public static string Entry(string name, string role, string password) => $"{name}:{role}:{Hasher.HashPassword(name, password)}";

    public static int PrintEntry(string name, string role, TextReader passwordInput)
    {
        var password = passwordInput.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            Console.Error.WriteLine("hash-password: the password is read from standard input, and none was given.");
            return 3;
        }
        Console.WriteLine(Entry(name, role, password));
        return 0;
    }
}
