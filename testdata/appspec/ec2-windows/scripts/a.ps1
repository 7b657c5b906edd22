Write-Host a
