"""Prop names React's DOM attribute types declare (from @types/react 19.2.2).

A component whose props extend one of those types inherits these names; a prop of the same name
declared or added locally replaces or intersects the inherited one, whose type we cannot see.
Hyphenated names (`aria-*`, `data-*`) are left out: JSX accepts any hyphenated attribute.
Regenerate by collecting the member names of the `*Attributes` interfaces in
`tools/node_modules/@types/react/index.d.ts` when @types/react is upgraded.
"""

from __future__ import annotations

# DOMAttributes, AriaAttributes, HTMLAttributes, AllHTMLAttributes, every <Element>HTMLAttributes,
# RefAttributes and ClassAttributes.
HTML_PROPS = frozenset(
    """
    abbr about accept acceptCharset accessKey action align allow allowFullScreen
    allowTransparency allowpopups alt as async autoCapitalize autoComplete autoCorrect autoFocus
    autoPlay autoSave autosize bgcolor blinkfeatures blocking border capture cellPadding
    cellSpacing challenge charSet checked children cite classID className closedby colSpan color
    cols content contentEditable contextMenu controls controlsList coords crossOrigin
    dangerouslySetInnerHTML data datatype dateTime decoding default defaultChecked defaultValue
    defer dir dirName disablePictureInPicture disableRemotePlayback disableblinkfeatures
    disabled disableguestresize disablewebsecurity download draggable encType enterKeyHint
    exportparts fetchPriority form formAction formEncType formMethod formNoValidate formTarget
    frame frameBorder guestinstance headers height hidden high href hrefLang htmlFor httpEquiv
    httpreferrer id imageSizes imageSrcSet inert inlist inputMode integrity is itemID itemProp
    itemRef itemScope itemType keyParams keyType kind label lang list loading loop low manifest
    marginHeight marginWidth max maxLength media mediaGroup method min minLength multiple muted
    name noModule noValidate nodeintegration nonce onAbort onAbortCapture onAnimationEnd
    onAnimationEndCapture onAnimationIteration onAnimationIterationCapture onAnimationStart
    onAnimationStartCapture onAuxClick onAuxClickCapture onBeforeInput onBeforeInputCapture
    onBeforeToggle onBlur onBlurCapture onCanPlay onCanPlayCapture onCanPlayThrough
    onCanPlayThroughCapture onCancel onChange onChangeCapture onClick onClickCapture onClose
    onCompositionEnd onCompositionEndCapture onCompositionStart onCompositionStartCapture
    onCompositionUpdate onCompositionUpdateCapture onContextMenu onContextMenuCapture onCopy
    onCopyCapture onCut onCutCapture onDoubleClick onDoubleClickCapture onDrag onDragCapture
    onDragEnd onDragEndCapture onDragEnter onDragEnterCapture onDragExit onDragExitCapture
    onDragLeave onDragLeaveCapture onDragOver onDragOverCapture onDragStart onDragStartCapture
    onDrop onDropCapture onDurationChange onDurationChangeCapture onEmptied onEmptiedCapture
    onEncrypted onEncryptedCapture onEnded onEndedCapture onError onErrorCapture onFocus
    onFocusCapture onGotPointerCapture onGotPointerCaptureCapture onInput onInputCapture
    onInvalid onInvalidCapture onKeyDown onKeyDownCapture onKeyPress onKeyPressCapture onKeyUp
    onKeyUpCapture onLoad onLoadCapture onLoadStart onLoadStartCapture onLoadedData
    onLoadedDataCapture onLoadedMetadata onLoadedMetadataCapture onLostPointerCapture
    onLostPointerCaptureCapture onMouseDown onMouseDownCapture onMouseEnter onMouseLeave
    onMouseMove onMouseMoveCapture onMouseOut onMouseOutCapture onMouseOver onMouseOverCapture
    onMouseUp onMouseUpCapture onPaste onPasteCapture onPause onPauseCapture onPlay
    onPlayCapture onPlaying onPlayingCapture onPointerCancel onPointerCancelCapture
    onPointerDown onPointerDownCapture onPointerEnter onPointerLeave onPointerMove
    onPointerMoveCapture onPointerOut onPointerOutCapture onPointerOver onPointerOverCapture
    onPointerUp onPointerUpCapture onProgress onProgressCapture onRateChange onRateChangeCapture
    onReset onResetCapture onResize onResizeCapture onScroll onScrollCapture onScrollEnd
    onScrollEndCapture onSeeked onSeekedCapture onSeeking onSeekingCapture onSelect
    onSelectCapture onStalled onStalledCapture onSubmit onSubmitCapture onSuspend
    onSuspendCapture onTimeUpdate onTimeUpdateCapture onToggle onTouchCancel
    onTouchCancelCapture onTouchEnd onTouchEndCapture onTouchMove onTouchMoveCapture
    onTouchStart onTouchStartCapture onTransitionCancel onTransitionCancelCapture
    onTransitionEnd onTransitionEndCapture onTransitionRun onTransitionRunCapture
    onTransitionStart onTransitionStartCapture onVolumeChange onVolumeChangeCapture onWaiting
    onWaitingCapture onWheel onWheelCapture open optimum part partition pattern ping placeholder
    playsInline plugins popover popoverTarget popoverTargetAction poster precedence prefix
    preload property radioGroup readOnly ref referrerPolicy rel required resource results rev
    reversed role rowSpan rows rules sandbox scope scoped scrolling seamless security selected
    shape size sizes slot span spellCheck src srcDoc srcLang srcSet start step style summary
    suppressContentEditableWarning suppressHydrationWarning tabIndex target title translate type
    typeof unselectable useMap useragent valign value vocab webpreferences width wmode wrap
    """.split()  # noqa: SIM905 - a word list reads better than hundreds of quoted names
)
# SVGAttributes' own names (beyond HTML_PROPS).
SVG_PROPS = frozenset(
    """
    accentHeight accumulate additive alignmentBaseline allowReorder alphabetic amplitude
    arabicForm ascent attributeName attributeType autoReverse azimuth baseFrequency baseProfile
    baselineShift bbox begin bias by calcMode capHeight clip clipPath clipPathUnits clipRule
    colorInterpolation colorInterpolationFilters colorProfile colorRendering contentScriptType
    contentStyleType cursor cx cy d decelerate descent diffuseConstant direction display divisor
    dominantBaseline dur dx dy edgeMode elevation enableBackground end exponent
    externalResourcesRequired fill fillOpacity fillRule filter filterRes filterUnits floodColor
    floodOpacity focusable fontFamily fontSize fontSizeAdjust fontStretch fontStyle fontVariant
    fontWeight format fr from fx fy g1 g2 glyphName glyphOrientationHorizontal
    glyphOrientationVertical glyphRef gradientTransform gradientUnits hanging horizAdvX
    horizOriginX ideographic imageRendering in in2 intercept k k1 k2 k3 k4 kernelMatrix
    kernelUnitLength kerning keyPoints keySplines keyTimes lengthAdjust letterSpacing
    lightingColor limitingConeAngle local markerEnd markerHeight markerMid markerStart
    markerUnits markerWidth mask maskContentUnits maskUnits mathematical mode numOctaves offset
    opacity operator order orient orientation origin overflow overlinePosition overlineThickness
    paintOrder panose1 path pathLength patternContentUnits patternTransform patternUnits
    pointerEvents points pointsAtX pointsAtY pointsAtZ preserveAlpha preserveAspectRatio
    primitiveUnits r radius refX refY renderingIntent repeatCount repeatDur requiredExtensions
    requiredFeatures restart result rotate rx ry scale seed shapeRendering slope spacing
    specularConstant specularExponent speed spreadMethod startOffset stdDeviation stemh stemv
    stitchTiles stopColor stopOpacity strikethroughPosition strikethroughThickness string stroke
    strokeDasharray strokeDashoffset strokeLinecap strokeLinejoin strokeMiterlimit strokeOpacity
    strokeWidth surfaceScale systemLanguage tableValues targetX targetY textAnchor
    textDecoration textLength textRendering to transform u1 u2 underlinePosition
    underlineThickness unicode unicodeBidi unicodeRange unitsPerEm vAlphabetic vHanging
    vIdeographic vMathematical values vectorEffect version vertAdvY vertOriginX vertOriginY
    viewBox viewTarget visibility widths wordSpacing writingMode x x1 x2 xChannelSelector
    xHeight xlinkActuate xlinkArcrole xlinkHref xlinkRole xlinkShow xlinkTitle xlinkType xmlBase
    xmlLang xmlSpace xmlns xmlnsXlink y y1 y2 yChannelSelector z zoomAndPan
    """.split()  # noqa: SIM905 - a word list reads better than hundreds of quoted names
)
