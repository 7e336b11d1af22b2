using Expunge.Hosting;
using Expunge.OperatorConsole.Apis;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Expunge.OperatorConsole;

public static class ConsoleRegistration
{
    public const string Service = "console";
    public const string OperatorPolicy = "operator";

    public static IHostApplicationBuilder AddOperatorConsole(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(ConsoleUsers.Read(builder.Configuration));
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/denied";
            o.Cookie.Name = "expunge-console";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // A shift, not a week: criminal-history data on an unattended screen.
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        services.AddAuthorizationBuilder().AddPolicy(OperatorPolicy, p => p.RequireRole(ConsoleUsers.OperatorRole));
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/", OperatorPolicy);
            o.Conventions.AllowAnonymousToPage("/Login");
            o.Conventions.AllowAnonymousToPage("/Denied");
        });
        // The console calls the services as an operator, with its own API key (EXPUNGE_API_KEY); the signed-in user
        // who made a change goes with it (Operators.Header).
        var apiKey = builder.Configuration.ClientKey();
        foreach (var service in PipelineApis.Services)
        {
            services.AddHttpClient(service, c =>
            {
                c.BaseAddress = PipelineApis.UrlOf(builder.Configuration, service);
                c.Timeout = TimeSpan.FromMinutes(5); // a what-if over a county's run takes a while
            }).AddHttpMessageHandler(() => new ApiKeyHeader(apiKey));
        }
        services.AddHttpClient("broker", c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<PipelineApis>();
        services.AddSingleton<Broker>();
        return builder;
    }

    public static WebApplication MapOperatorConsole(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/login");
        }).RequireAuthorization();
        app.MapGet("/runs/{runId:guid}/rejected.csv", DownloadsEndpoints.RejectedRowsAsync).RequireAuthorization(OperatorPolicy);
        app.MapGet("/filings/{packageId:guid}/documents/{name}", DownloadsEndpoints.DocumentAsync).RequireAuthorization(OperatorPolicy);
        return app;
    }
}
