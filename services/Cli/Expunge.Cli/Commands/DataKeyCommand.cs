using System.CommandLine;
using Expunge.Security;

namespace Expunge.Cli.Commands;

/// <summary>
/// <c>expunge data-key new --id ID</c>: a new key for the personal data the services store encrypted, as its
/// <c>EXPUNGE_DATA_KEYS</c> entry (<see cref="FieldCipher"/>: <c>id:base64</c>). Rotating is putting the new entry
/// first and keeping the old ones after it, so what they encrypted still opens.
/// </summary>
public static class DataKeyCommand
{
    public static Command Create()
    {
        var id = new Option<string>("--id") { Description = "The key's name, stored beside every value it encrypts (a date, say: 2026-12)", Required = true };
        var create = new Command("new", "Print a new EXPUNGE_DATA_KEYS entry (32 random bytes).") { id };
        create.SetAction((result, ct) => CommandRunner.RunAsync(() =>
        {
            var name = result.GetValue(id)!.Trim();
            if (name.Length == 0 || name.Length > 64 || name.Contains(':', StringComparison.Ordinal) || name.Contains(';', StringComparison.Ordinal))
            {
                throw new CliException(ExitCodes.InvalidArguments, $"--id '{name}' must be 1 to 64 characters and hold no ':' or ';'.");
            }
            Console.WriteLine($"entry (put it first in {FieldCipher.Variable}, ';'-separated, keeping older keys after it; keep it in the county's secret store): {FieldCipher.NewEntry(name)}");
            Console.WriteLine($"lookup key (for {LookupHash.Variable}, once: it is not rotated with the data keys): {LookupHash.NewKey()}");
            return Task.FromResult(ExitCodes.Success);
        }));
        return new Command("data-key", "Keys for the personal data stored encrypted.") { create };
    }
}
