using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;

namespace RecyclePlatform.Infrastructure.Persistence;

/// <summary>
/// Hears other nodes' saves that make this node's in-memory copies stale (PostgreSQL LISTEN on
/// the channels <see cref="AppDbContext"/> notifies): cities and districts, and security stamps.
/// While it is not connected the copies are trusted for two seconds only.
/// </summary>
public sealed class ChangeListener(DatabaseOptions database, ReferenceDataCache places, SessionStampCache stamps,
    ILogger<ChangeListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Its own connection outside the pool: it stays open and listening for the node's lifetime.
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, KeepAlive = 30 }.ConnectionString;
        var streak = new FailureStreak(TimeSpan.FromSeconds(30));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => AppDbContext.Signal(e.Channel);
                await using (var listen = new NpgsqlCommand(
                    $"LISTEN {AppDbContext.ReferenceDataChannel}; LISTEN {AppDbContext.SessionStampChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                // Whatever changed while nobody listened is unknown: start from fresh copies.
                AppDbContext.Signal(AppDbContext.ReferenceDataChannel);
                AppDbContext.Signal(AppDbContext.SessionStampChannel);
                Hearing(true);
                if (streak.Succeeded() is > 0)
                {
                    logger.LogInformation("Listening again for other nodes' changes");
                }
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Hearing(false);
                if (streak.Failed())
                {
                    logger.LogWarning("Not hearing other nodes' changes ({Error}); cities and sign-ins are read again every 2 s meanwhile", ex.Message);
                }
                await Task.Delay(streak.Delay(TimeSpan.FromSeconds(1)), stoppingToken);
            }
            finally
            {
                Hearing(false);
            }
        }
    }

    private void Hearing(bool hearing)
    {
        places.HearsOtherNodes = hearing;
        stamps.HearsOtherNodes = hearing;
    }
}
