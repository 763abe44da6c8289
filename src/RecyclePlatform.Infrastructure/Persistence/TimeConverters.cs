using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace RecyclePlatform.Infrastructure.Persistence;

/// <summary>Stores any DateTimeOffset as UTC; values read back have offset zero.</summary>
public sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v.ToUniversalTime());

/// <summary>Stores a DateTimeOffset as its UTC ticks; values read back have offset zero.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
