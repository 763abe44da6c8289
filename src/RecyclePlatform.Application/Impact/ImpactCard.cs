namespace RecyclePlatform.Application.Impact;

/// <summary>One big figure on a card: its label and its value, both already worded in the card's language.</summary>
public sealed record ImpactCardFigure(string Label, string Value);

/// <summary>
/// What an impact card shows, already worded in its language by the caller (Web has the resources): the name
/// (a team's, or a donor's chosen one), a neutral line to draw instead when the card's fonts cannot draw every
/// character of the name, the kind of card, the figures, and the lines that say where they come from.
/// </summary>
/// <param name="Chinese">Draw with the Chinese typefaces first (the card's language is Chinese).</param>
/// <param name="Bars">Up to three parts of a bar (reused, recycled, waste grams), with their labels; empty for none.</param>
public sealed record ImpactCardContent(
    bool Chinese, string Name, string NeutralName, string Kind, IReadOnlyList<ImpactCardFigure> Figures,
    IReadOnlyList<(string Label, long Value)> Bars, string Factors, string Checkpoint, string Platform);

/// <summary>Draws a shareable impact card: a 1200 × 630 PNG, the size link previews show (OpenGraph, Twitter).</summary>
public interface IImpactCardRenderer
{
    const int Width = 1200;
    const int Height = 630;

    byte[] RenderPng(ImpactCardContent content);

    /// <summary>Whether the card's typefaces can draw every character of <paramref name="text"/> (no missing-glyph box).</summary>
    bool CanDraw(string text);
}
