using System.Globalization;

namespace StackKit.Templates;

/// <summary>A string, whole number, decimal number or boolean written as it is.</summary>
public sealed class Literal : Expression
{
    private Literal(object value) => Value = value;

    /// <summary>A <see cref="string"/>, <see cref="long"/>, <see cref="double"/> or <see cref="bool"/>.</summary>
    public object Value { get; }

    /// <summary>
    /// A literal of a string, number (<see cref="int"/>, <see cref="long"/>, <see cref="double"/>) or boolean; a
    /// <see cref="TimeSpan"/> becomes its ISO 8601 duration (<c>PT15M</c>), an <see cref="IStringValue"/> its string.
    /// </summary>
    public static Literal Of(object value) => value switch
    {
        string or long or double or bool => new Literal(value),
        int number => new Literal((long)number),
        TimeSpan duration => new Literal(IsoDuration.Format(duration)),
        IStringValue { Value: { } text } => new Literal(text),
        IStringValue => throw new ArgumentException($"This {value.GetType().Name} has no value (it is the type's default); use one of its named values.", nameof(value)),
        null => throw new ArgumentNullException(nameof(value), "A template value cannot be null; leave the property unset instead."),
        _ => throw new ArgumentException($"A template literal must be a string, number or boolean, not {value.GetType().Name}.", nameof(value)),
    };

    /// <summary>
    /// Converts to <typeparamref name="T"/> when the literal means one ("60" and 60 both read as 60, "PT15M" as
    /// 15 minutes, "Sum" as <c>Statistic.Sum</c>).
    /// </summary>
    public bool TryConvert<T>(out T result)
    {
        try
        {
            var target = typeof(T);
            if (target == typeof(TimeSpan) && Value is string duration)
            {
                var parsed = IsoDuration.TryParse(duration, out var span);
                result = parsed ? (T)(object)span : default!;
                return parsed;
            }
            if (typeof(IStringValue).IsAssignableFrom(target) && Value is string name)
            {
                result = (T)Activator.CreateInstance(target, name)!;
                return true;
            }
            if (target == typeof(bool) && Value is string text)
            {
                result = (T)(object)bool.Parse(text);
                return true;
            }
            if (Value is double number && target != typeof(double) && target != typeof(string) && Math.Floor(number) != number)
            {
                // 40.5 is no whole number; Convert would round it silently.
                result = default!;
                return false;
            }
            result = (T)Convert.ChangeType(Value, target, CultureInfo.InvariantCulture);
            return true;
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or MissingMethodException)
        {
            result = default!;
            return false;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Convert.ToString(Value, CultureInfo.InvariantCulture) ?? string.Empty;

    private protected override IEnumerable<Expression> Children() => [];
}
