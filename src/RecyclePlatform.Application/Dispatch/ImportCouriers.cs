using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Dispatch;

/// <summary>Imports a city's couriers from CSV (each checked as <see cref="AddCourierHandler"/> would), all in one transaction or none.</summary>
public sealed class ImportCouriersHandler(IAppDbContext db, ICurrentUser user, AddCourierHandler couriers)
{
    public static readonly string[] Columns = ["email", "name", "hub"];

    public async Task<ImportReport> HandleAsync(Guid cityId, Stream csv, CancellationToken ct)
    {
        user.RequireCity(cityId, "city", cityId);
        var hubs = await db.Hubs.AsNoTracking().Where(h => h.CityId == cityId).ToListAsync(ct);
        var (rows, errors) = CsvImport.Read(csv, Columns, Columns);
        var inputs = new List<AddCourierCommand>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            var hub = hubs.FirstOrDefault(h => string.Equals(h.Name.English, row["hub"], StringComparison.OrdinalIgnoreCase)
                || h.Name.Chinese == row["hub"] || h.Id.ToString() == row["hub"]);
            var input = new AddCourierCommand { Email = row["email"], DisplayName = row["name"], HubId = hub?.Id ?? Guid.Empty };
            if (hub is null)
            {
                errors.Add(new ImportRowError(row.Line, "hub", Rules.Courier.HubOtherCity.Code));
            }
            if (!seen.Add(row["email"]))
            {
                errors.Add(new ImportRowError(row.Line, "email", Rules.Import.DuplicateRow.Code));
            }
            foreach (var failure in await couriers.CheckAsync(cityId, input, ct))
            {
                if (failure.PropertyName != nameof(AddCourierCommand.HubId))
                {
                    errors.Add(new ImportRowError(row.Line, failure.PropertyName == nameof(AddCourierCommand.Email) ? "email" : "name", failure.ErrorCode));
                }
            }
            inputs.Add(input);
        }
        if (errors.Count > 0 || rows.Count == 0)
        {
            return new ImportReport(rows.Count, 0, errors.Count > 0 ? errors : [new ImportRowError(1, "", Rules.Import.Empty.Code)], []);
        }
        var invitations = new List<CourierInvitation>();
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        foreach (var input in inputs)
        {
            invitations.Add(await couriers.AddAsync(cityId, input, ct));
        }
        await transaction.CommitAsync(ct);
        return new ImportReport(rows.Count, inputs.Count, [], invitations);
    }
}
