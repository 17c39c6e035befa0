using System.Globalization;
using System.Xml;

namespace StackKit.Templates;

/// <summary>The ISO 8601 durations CloudFormation reads (<c>PT15M</c>, <c>PT1H30M</c>): hours, minutes and whole seconds.</summary>
internal static class IsoDuration
{
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero || duration.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException(
                $"A template duration must be whole seconds, zero or more, not {duration}; CloudFormation reads PT#H#M#S.", nameof(duration));
        }
        if (duration == TimeSpan.Zero)
        {
            return "PT0S";
        }
        var hours = (long)duration.TotalHours;
        var text = "PT"
            + (hours > 0 ? hours.ToString(CultureInfo.InvariantCulture) + "H" : string.Empty)
            + (duration.Minutes > 0 ? duration.Minutes.ToString(CultureInfo.InvariantCulture) + "M" : string.Empty)
            + (duration.Seconds > 0 ? duration.Seconds.ToString(CultureInfo.InvariantCulture) + "S" : string.Empty);
        return text;
    }

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        if (text.Length == 0 || text[0] != 'P')
        {
            return false;
        }
        try
        {
            duration = XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
