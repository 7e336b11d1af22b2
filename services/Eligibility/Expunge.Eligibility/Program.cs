using Expunge.Hosting;
using Expunge.Eligibility;

var builder = ServiceDefaults.CreateBuilder(args);
builder.AddExpungeDefaults(EligibilityRegistration.Service);
builder.AddEligibility();

var app = builder.Build();
app.MapExpungeDefaults();
app.MapEligibilityApi();
app.Run();

public partial class Program;
