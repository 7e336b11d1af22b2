using Expunge.Hosting;
using Expunge.Motions;

var builder = ServiceDefaults.CreateBuilder(args);
builder.AddExpungeDefaults(MotionsRegistration.Service);
builder.AddMotions();

var app = builder.Build();
app.MapExpungeDefaults();
app.MapMotionsApi();
app.Run();

public partial class Program;
