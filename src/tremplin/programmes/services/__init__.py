"""Every write about programmes, seasons, calls, their application forms and their eligibility
checklists, one module per part: programmes, seasons, calls, form_builder, criteria. Each
public function checks the permission, runs in one transaction and records history on the
programme, the season or the call: they are the only way these objects are written."""
