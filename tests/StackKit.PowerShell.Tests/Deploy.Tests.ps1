BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ChildPwsh.psm1') -Force
}

Describe 'The main job (scripts/Deploy-HttpService.ps1) without AWS credentials' {
    It 'deploys to a local moto_server, shows status and URL, adds a key through the service and cleans up' {
        $emptyHome = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'home')
        $before = @(Get-Process moto_server -ErrorAction SilentlyContinue).Id
        $output = (Invoke-ChildPwsh '& ./scripts/Deploy-HttpService.ps1 *>&1 | Out-String -Width 300' @{ HOME = $emptyHome }) -join "`n"

        $output | Should -BeLike '*running the flow against a local moto_server*'
        $output | Should -Match 'Status: CREATE_COMPLETE\s+URL: http://\S+\.elb\.amazonaws\.com'
        $output | Should -BeLike '*GET / -> Hi*'
        $output | Should -Match "Key successfully saved:\s+ssh-ed25519 AAAA\S+ stackkit-demo"
        $output | Should -BeLike '*Done on loopback*'
        # It stops what it started: no moto_server or service process is left behind.
        @(Get-Process moto_server -ErrorAction SilentlyContinue | Where-Object Id -NotIn $before).Count | Should -Be 0
    }
}
