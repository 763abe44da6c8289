using CsvHelper;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Dispatch;

/// <summary>One problem with one cell (or the whole row when <see cref="Column"/> is empty); <see cref="Line"/> counts the header as line 1.</summary>
public sealed record ImportRowError(long Line, string Column, string Code);

public sealed record ImportReport(int Rows, int Imported, IReadOnlyList<ImportRowError> Errors, IReadOnlyList<CourierInvitation> Invitations)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Reading an import file (<see cref="ImportPickupsHandler"/>, <see cref="ImportCouriersHandler"/>): every row
/// is checked first and the report lists each bad cell; only when no row is wrong is anything saved.
/// </summary>
public static class CsvImport
{
    public const int MaxRows = 5_000;

    public sealed class Row(long line, Dictionary<string, string> cells)
    {
        public long Line { get; } = line;

        public string this[string column] => cells.TryGetValue(column, out var value) ? value : "";
    }

    /// <summary>Reads the header and the rows as trimmed strings; unknown and missing required columns are errors of line 1.</summary>
    public static (List<Row> Rows, List<ImportRowError> Errors) Read(Stream csv, string[] columns, string[] required)
    {
        var rows = new List<Row>();
        var errors = new List<ImportRowError>();
        try
        {
            using var reader = CsvReader.Create(csv, null, leaveOpen: true);
            reader.ReadHeader();
            var headers = reader.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
            errors.AddRange(required.Where(c => !headers.Contains(c)).Select(c => new ImportRowError(1, c, Rules.Import.ColumnMissing.Code)));
            errors.AddRange(headers.Where(h => !columns.Contains(h)).Select(h => new ImportRowError(1, h, Rules.Import.ColumnUnknown.Code)));
            if (errors.Count > 0)
            {
                return (rows, errors);
            }
            var line = 1L;
            while (reader.Read())
            {
                line++;
                if (rows.Count == MaxRows)
                {
                    errors.Add(new ImportRowError(line, "", Rules.Import.TooManyRows.Code));
                    break;
                }
                var cells = new Dictionary<string, string>();
                for (var i = 0; i < headers.Count && i < reader.FieldCount; i++)
                {
                    cells[headers[i]] = reader.GetString(i).Trim();
                }
                if (reader.FieldCount != headers.Count)
                {
                    errors.Add(new ImportRowError(line, "", Rules.Import.ColumnCount.Code));
                }
                rows.Add(new Row(line, cells));
            }
        }
        catch (Exception e) when (e is CsvFormatException or CsvValidationException or InvalidDataException or FormatException or System.Text.DecoderFallbackException)
        {
            errors.Add(new ImportRowError(rows.Count + 2, "", Rules.Import.NotCsv.Code));
        }
        return (rows, errors);
    }
}
