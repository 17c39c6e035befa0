using StackKit.Templates;

namespace StackKit.Resources.DynamoDB;

/// <summary>A table's time to live: DynamoDB deletes an item some time (within days) after the time its attribute names.</summary>
public sealed class TimeToLiveSpecification : PropertyObject
{
    /// <summary>The attribute holding each item's expiry: a number, Unix epoch seconds.</summary>
    public Value<string>? AttributeName { get => GetValue<string>(); set => SetValue(value); }

    /// <summary>Whether expired items are deleted.</summary>
    public Value<bool>? Enabled { get => GetValue<bool>(); set => SetValue(value); }
}
