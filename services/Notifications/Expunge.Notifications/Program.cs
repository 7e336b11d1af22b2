using Expunge.Hosting;
using Expunge.Notifications;

var builder = ServiceDefaults.CreateBuilder(args);
builder.AddExpungeDefaults(NotificationsRegistration.Service);
builder.AddNotifications();

var app = builder.Build();
app.MapExpungeDefaults();
app.MapNotificationsApi();
app.Run();

public partial class Program;
