using Expunge.Hosting;
using Expunge.OperatorConsole;

// `hash-password` prints the entry for EXPUNGE_CONSOLE_USERS of a user whose password is read from standard input.
if (args is ["hash-password", var name, var role]) return ConsoleUsers.PrintEntry(name, role, Console.In);

var builder = ServiceDefaults.CreateBuilder(args);
builder.AddExpungeDefaults(ConsoleRegistration.Service, apiKeys: false);
builder.AddOperatorConsole();

var app = builder.Build();
app.MapExpungeDefaults(pipelineService: false);
app.MapOperatorConsole();
app.Run();
return 0;

public partial class Program;
