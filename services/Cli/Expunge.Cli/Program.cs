using System.CommandLine;
using System.Globalization;
using Expunge.Cli.Commands;

// Numbers and dates print the same on every machine (files the CLI writes are read by other programs).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var root = new RootCommand("expunge: clear Prop 64 cannabis convictions from a county's records (see README.md).");
root.Subcommands.Add(AnalyzeCommand.Create());
root.Subcommands.Add(SubmitCommand.Create());
root.Subcommands.Add(PolicyCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(GenerateCommand.Create());
root.Subcommands.Add(LinkageEvalCommand.Create());
root.Subcommands.Add(LinkageReviewCommand.Create());
root.Subcommands.Add(FilingsCommand.Create());
root.Subcommands.Add(DeliveriesCommand.Recipients());
root.Subcommands.Add(DeliveriesCommand.Deliveries());
root.Subcommands.Add(Expunge.Cli.Bench.BenchCommand.Create());
root.Subcommands.Add(ApiKeyCommand.Create());
root.Subcommands.Add(DataKeyCommand.Create());
return await root.Parse(args).InvokeAsync();
