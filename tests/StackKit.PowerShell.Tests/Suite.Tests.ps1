Describe 'The Pester suite itself' {
    It 'declares BeforeAll, AfterAll, BeforeEach and AfterEach at most once in a block (Pester 5 runs only the last of them)' {
        # A second AfterAll in a block silently replaced the first: a moto_server and the environment it set were left
        # behind by every run of the suite.
        $setups = 'BeforeAll', 'AfterAll', 'BeforeEach', 'AfterEach'
        $repeated = foreach ($file in Get-ChildItem $PSScriptRoot -Filter '*.Tests.ps1') {
            $ast = [System.Management.Automation.Language.Parser]::ParseFile($file.FullName, [ref] $null, [ref] $null)
            $blocks = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.ScriptBlockAst] }, $true)
            foreach ($block in $blocks) {
                $statements = if ($block.EndBlock) { $block.EndBlock.Statements } else { @() }
                $commands = $statements |
                    Where-Object { $_ -is [System.Management.Automation.Language.PipelineAst] -and $_.PipelineElements[0] -is [System.Management.Automation.Language.CommandAst] } |
                    ForEach-Object { $_.PipelineElements[0].GetCommandName() } | Where-Object { $_ -in $setups }
                $commands | Group-Object | Where-Object Count -GT 1 | ForEach-Object { "$($file.Name) line $($block.Extent.StartLineNumber): $($_.Name) $($_.Count) times" }
            }
        }
        $repeated | Should -BeNullOrEmpty
    }
}
