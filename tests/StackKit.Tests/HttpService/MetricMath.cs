using System.Globalization;
using System.Text.RegularExpressions;

namespace StackKit.Tests.HttpService;

/// <summary>
/// The part of CloudWatch metric math the scaling alarms use, with its documented handling of missing datapoints
/// ("Use metric math"): arithmetic, comparisons (1 or 0; between two series a missing side counts as 0), AND/OR (as
/// comparisons), and <c>IF(condition, value, scalar)</c> (0 where the condition holds and the value is missing; no
/// datapoint where the condition has none).
/// </summary>
internal static partial class MetricMath
{
    public static Series Evaluate(string expression, IReadOnlyDictionary<string, Series> known, int length)
    {
        var tokens = Token().Matches(expression).Select(m => m.Value).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        var parser = new Parser(tokens, known, length);
        var result = parser.Or();
        Assert.True(parser.AtEnd, $"Metric math '{expression}' has text the simulation does not read.");
        return result;
    }

    /// <summary>A time series (null: no datapoint) or a scalar.</summary>
    internal sealed record Series(IReadOnlyList<double?> Points, bool Scalar)
    {
        public static Series Of(IReadOnlyList<double?> points) => new(points, false);

        public static Series Constant(double value, int length) => new(Enumerable.Repeat((double?)value, length).ToList(), true);
    }

    private sealed class Parser(List<string> tokens, IReadOnlyDictionary<string, Series> known, int length)
    {
        private int _next;

        public bool AtEnd => _next == tokens.Count;

        public Series Or() => Chain(And, ["OR", "||"], (a, b) => a != 0 || b != 0 ? 1 : 0, missingIsZero: true);

        private Series And() => Chain(Comparison, ["AND", "&&"], (a, b) => a != 0 && b != 0 ? 1 : 0, missingIsZero: true);

        private Series Comparison()
        {
            var left = Sum();
            if (Peek() is "<" or ">" or "<=" or ">=" or "==" or "!=")
            {
                var op = tokens[_next++];
                var right = Sum();
                return Combine(left, right, missingIsZero: true, (a, b) => op switch
                {
                    "<" => a < b,
                    ">" => a > b,
                    "<=" => a <= b,
                    ">=" => a >= b,
                    "==" => a == b,
                    _ => a != b,
                } ? 1 : 0);
            }
            return left;
        }

        private Series Sum() => Chain(Product, ["+", "-"], null, missingIsZero: false);

        private Series Product() => Chain(Primary, ["*", "/"], null, missingIsZero: false);

        private Series Chain(Func<Series> operand, string[] operators, Func<double, double, double>? apply, bool missingIsZero)
        {
            var left = operand();
            while (Peek() is { } op && operators.Contains(op, StringComparer.Ordinal))
            {
                _next++;
                var right = operand();
                left = Combine(left, right, missingIsZero, apply ?? (op switch
                {
                    "+" => (a, b) => a + b,
                    "-" => (a, b) => a - b,
                    "*" => (a, b) => a * b,
                    _ => (a, b) => a / b,
                }));
            }
            return left;
        }

        private Series Primary()
        {
            var token = tokens[_next++];
            if (token == "(")
            {
                var inner = Or();
                Expect(")");
                return inner;
            }
            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return Series.Constant(number, length);
            }
            if (token == "IF")
            {
                Expect("(");
                var condition = Or();
                Expect(",");
                var value = Or();
                Expect(",");
                var otherwise = Or();
                Expect(")");
                return Series.Of(Enumerable.Range(0, length).Select(i => condition.Points[i] is not { } holds ? (double?)null
                    : holds != 0 ? value.Points[i] ?? 0
                    : otherwise.Points[i] ?? 0).ToList());
            }
            Assert.True(known.ContainsKey(token), $"Metric math names '{token}', which no earlier query defines.");
            return known[token];
        }

        private Series Combine(Series left, Series right, bool missingIsZero, Func<double, double, double> apply)
        {
            var bothSeries = !left.Scalar && !right.Scalar;
            var points = Enumerable.Range(0, length).Select(i =>
            {
                var (a, b) = (left.Points[i], right.Points[i]);
                if (a is null && b is null)
                {
                    return null;
                }
                if (a is null || b is null)
                {
                    return missingIsZero && bothSeries ? apply(a ?? 0, b ?? 0) : (double?)null;
                }
                return apply(a.Value, b.Value);
            }).ToList();
            return new Series(points, left.Scalar && right.Scalar);
        }

        private string? Peek() => _next < tokens.Count ? tokens[_next] : null;

        private void Expect(string token) => Assert.Equal(token, tokens[_next++]);
    }

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*|[0-9]+(\.[0-9]+)?|<=|>=|==|!=|&&|\|\||[-+*/(),<>]")]
    private static partial Regex Token();
}
