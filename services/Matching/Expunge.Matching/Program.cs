using Expunge.Hosting;
using Expunge.Matching;

var builder = ServiceDefaults.CreateBuilder(args);
builder.AddExpungeDefaults(MatchingRegistration.Service);
builder.AddMatching();

var app = builder.Build();
app.MapExpungeDefaults();
app.MapMatchingApi();
app.Run();

public partial class Program;
