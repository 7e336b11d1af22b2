using Expunge.Hosting;
using Expunge.Ingestion;

var builder = ServiceDefaults.CreateBuilder(args);
builder.AddExpungeDefaults(IngestionRegistration.Service);
builder.AddIngestion();

var app = builder.Build();
app.MapExpungeDefaults();
app.MapIngestionApi();
app.Run();

public partial class Program;
