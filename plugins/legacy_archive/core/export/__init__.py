"""Editions of a built archive that outlive its website: offline (ZIM), web archive (WACZ), repository (BagIt)."""
