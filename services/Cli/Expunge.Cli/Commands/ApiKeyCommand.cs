using System.CommandLine;
using Expunge.Security;

namespace Expunge.Cli.Commands;

/// <summary>
/// <c>expunge api-key new --name N --role R</c>: a new API key for a county system, an operator front end or a
/// court's clerks, and the <c>EXPUNGE_API_KEYS</c> entry the services accept it by (<see cref="ApiKeyRing"/>:
/// <c>name:role:sha256-hex</c>). The key is printed once and stored nowhere; rotating is adding a new
/// entry beside the old one, moving the client over, then removing the old entry.
/// </summary>
public static class ApiKeyCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "Who holds the key (a county system, the console, a court's clerks)", Required = true };
        var role = new Option<string>("--role") { Description = "county-integration, operator or clerk", Required = true };
        var create = new Command("new", "Print a new API key and its EXPUNGE_API_KEYS entry.") { name, role };
        create.SetAction((result, ct) => CommandRunner.RunAsync(() =>
        {
            var holder = result.GetValue(name)!.Trim();
            var chosen = result.GetValue(role)!.Trim();
            if (holder.Length == 0 || holder.Contains(':', StringComparison.Ordinal) || holder.Contains(';', StringComparison.Ordinal))
            {
                throw new CliException(ExitCodes.InvalidArguments, $"--name '{holder}' must be non-empty and hold no ':' or ';'.");
            }
            if (!Roles.All.Contains(chosen)) throw new CliException(ExitCodes.InvalidArguments, $"--role '{chosen}' is not one of {string.Join(", ", Roles.All)}.");
            var key = ApiKeyRing.NewKey();
            Console.WriteLine($"key (give it to {holder}; it is not stored anywhere): {key}");
            Console.WriteLine($"entry (append to {ApiKeyRing.Variable}, ';'-separated): {ApiKeyRing.EntryFor(holder, chosen, key)}");
            return Task.FromResult(ExitCodes.Success);
        }));
        return new Command("api-key", "API keys for the services' business APIs.") { create };
    }
}
