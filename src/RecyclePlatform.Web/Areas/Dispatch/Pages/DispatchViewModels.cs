using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Dispatch;

namespace RecyclePlatform.Web.Areas.Dispatch.Pages;

/// <summary>The dispatcher's sub-navigation: which city and day the links keep, and the page that is current.</summary>
public sealed record DispatchNav(Guid? CityId, DateOnly? Day, string Current);

public sealed record CityDayFilter(IReadOnlyList<CityDto> Cities, Guid? CityId, DateOnly? Day);

public sealed record MoveFormModel(string Reference, IReadOnlyList<BoardRouteDto> Routes, Guid? Current, Guid CityId, string? Day);

/// <param name="Errors">The page's errors when this form was the one posted.</param>
public sealed record PlaceFields(string Kind, PlaceInput? Input, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary? Errors);

/// <summary>One route's timeline on the board (_RouteTimeline.cshtml).</summary>
public sealed record RouteTimeline(RecyclePlatform.Application.Dispatch.BoardRouteDto Route, string TimeZone, int Colour);
