"""A store written before users carried licences and policies still opens and works: the new
user fields take their defaults and the missing policy and subscription rows read as defaults."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from helpers import KEN, user_of

import cscmdlets as cs

NEW_USER_FIELDS = (  # as the store writes them: by field name
    "department",
    "account_enabled",
    "account_type",
    "member_of",
    "licenses",
    "teams_audio_conferencing_policy",
    "online_dial_out_policy",
    "line_uri",
    "enterprise_voice_enabled",
)


def _as_before(path: Path) -> None:
    """Rewrite the file as an older cscmdlets left it: no new user fields, no new singletons."""
    db = sqlite3.connect(path)
    with db:
        db.execute("DELETE FROM singletons WHERE name IN ('subscriptions', 'policies')")
        for object_id, data in db.execute("SELECT object_id, data FROM users").fetchall():
            old = {k: v for k, v in json.loads(data).items() if k not in NEW_USER_FIELDS}
            db.execute("UPDATE users SET data = ? WHERE object_id = ?", (json.dumps(old), object_id))
    db.close()


def test_an_older_store_reads_and_takes_licence_changes(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    cs.Tenant.open(path, seed="demo").close()
    _as_before(path)
    with cs.Tenant.open(path) as tenant:
        [ken] = tenant.get_cs_online_user(KEN)
        assert (ken.Department, ken.FeatureTypes, ken.TeamsAudioConferencingPolicy) == (
            None,
            ("AudioConferencing",),
            None,
        )
        [audio] = tenant.get_mg_subscribed_sku(all=True)
        assert (audio.SkuPartNumber, audio.ConsumedUnits) == ("MCOMEETADV", 4)
        assert [p.Identity for p in tenant.get_cs_teams_audio_conferencing_policy()] == [
            "Global",
            "Tag:AllowTollFreeDialinFalse",
        ]
        tenant.set_msol_user_license(user_principal_name=KEN, remove_licenses=["contoso:MCOMEETADV"])
        assert not user_of(tenant, KEN).licensed
        with tenant.store.transaction():
            assert [e.kind for e in tenant.store.outbox()] == ["ConferencingRemoved"]
