<#
    Summaries of measured times for the benchmark scripts.
#>

function Get-Median([double[]] $values) {
    $sorted = $values | Sort-Object
    $middle = [int][Math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

function Get-Percentile([double[]] $values, [double] $p) {
    $sorted = $values | Sort-Object
    $sorted[[int][Math]::Min($sorted.Count - 1, [Math]::Ceiling($p * $sorted.Count) - 1)]
}

Export-ModuleMember -Function Get-Median, Get-Percentile
