namespace RecyclePlatform.Web.Api;

internal static class ApiRoutes
{
    /// <summary>Every JSON endpoint lives under /api/v1.</summary>
    public static WebApplication MapApi(this WebApplication app)
    {
        var v1 = app.MapGroup("/api/v1");
        v1.MapAuthApi();
        v1.MapAccountApi();
        v1.MapCitiesApi();
        v1.MapPickupsApi();
        v1.MapCourierApi();
        v1.MapLedgerApi();
        v1.MapLotsApi();
        v1.MapDispatchApi();
        app.MapLedgerTiles();
        return app;
    }
}
