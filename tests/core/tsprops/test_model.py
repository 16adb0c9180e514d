from redraft.core.tsprops import CallbackParam, PropSig


def test_a_prop_typed_as_a_function_is_read_as_a_callback() -> None:
    assert PropSig.of(
        "((value: string, index?: number) => boolean) | undefined", optional=True
    ) == PropSig(
        "((value: string, index?: number) => boolean) | undefined",
        optional=True,
        is_callback=True,
        params=(CallbackParam("value", "string"), CallbackParam("index", "number", True)),
        returns="boolean",
    )


def test_a_react_event_handler_alias_is_a_callback() -> None:
    sig = PropSig.of("React.ChangeEventHandler<HTMLInputElement>")
    assert sig.is_callback
    assert sig.params == (CallbackParam("event", "React.ChangeEvent<HTMLInputElement>"),)


def test_a_union_with_a_non_function_is_not_a_callback() -> None:
    sig = PropSig.of("React.ReactNode | (() => React.ReactNode)")
    assert not sig.is_callback
    assert sig.type == "(() => React.ReactNode) | React.ReactNode"
