using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using RecyclePlatform.Web.Hosting;

namespace RecyclePlatform.UnitTests.Configuration;

/// <summary>Logs name a request by its route, never by the references and receipt codes its path holds.</summary>
public sealed class LoggedPathTests
{
    [Fact]
    public void ARoutedRequest_IsLoggedByItsTemplate()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/api/v1/pickups/7KQ2-M4XZ-R/events";
        context.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/api/v1/pickups/{reference}/events"), 0, null, null));

        LoggingSetup.LoggedPath(context).ShouldBe("/api/v1/pickups/{reference}/events");
    }

    [Theory]
    [InlineData("/Ledger/Receipt/J_PGWL9G8mO9dYmIYUc-IA", "/Ledger/…")]
    [InlineData("/Pickups/Details/7KQ2M4XZR", "/Pickups/…")]
    [InlineData("/", "/")]
    public void AnUnroutedPath_KeepsOnlyItsFirstSegment(string path, string logged)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;

        LoggingSetup.LoggedPath(context).ShouldBe(logged);
    }
}
