namespace StackKit.Costs;

/// <summary>
/// One priced item of the template: its name, the assumption it is priced at, the price to read (null for an item
/// AWS does not charge), and its quantity a month at a number of servers.
/// </summary>
internal sealed record CostItem(string Item, string Assumption, PriceQuery? Price, Func<int, decimal> Quantity);
