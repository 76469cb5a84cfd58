/* Network drawings: explore by keyboard or pointer. Tab reaches each subject; the
   arrow keys step to its linked subjects; Enter or Space (or a click) adds it to
   the removal simulation's form, which works without this script too. Messages
   come from the page's data attributes, so they are translated with the page. */
(function () {
  'use strict'
  var container = document.getElementById('network')
  if (!container || !container.querySelectorAll) { return }
  var nodes = {}
  var order = []
  container.querySelectorAll('[data-node]').forEach(function (element) {
    var id = element.getAttribute('data-node')
    nodes[id] = element
    order.push(id)
  })
  var edges = container.querySelectorAll('line[data-source]')
  var status = document.getElementById('network-status')
  var step = {}

  function neighbours (id) {
    var list = nodes[id].getAttribute('data-neighbours')
    return list ? list.split(' ') : []
  }

  function label (id) {
    return nodes[id].querySelector('title').textContent
  }

  function say (template, id, count) {
    var text = container.getAttribute(template) || ''
    status.textContent = text.replace('%(name)s', label(id)).replace('%(count)s', String(count))
  }

  function light (id) {
    var near = {}
    near[id] = true
    neighbours(id).forEach(function (other) { near[other] = true })
    order.forEach(function (other) {
      nodes[other].classList.toggle('hedgerow-network__node--faded', !near[other])
      nodes[other].classList.toggle('hedgerow-network__node--lit', other !== id && !!near[other])
    })
    edges.forEach(function (edge) {
      var touches = edge.getAttribute('data-source') === id || edge.getAttribute('data-target') === id
      edge.classList.toggle('hedgerow-network__edge--lit', touches)
      edge.classList.toggle('hedgerow-network__edge--faded', !touches)
    })
    say('data-text-focus', id, neighbours(id).length)
  }

  function clear () {
    order.forEach(function (other) {
      nodes[other].classList.remove('hedgerow-network__node--faded', 'hedgerow-network__node--lit')
    })
    edges.forEach(function (edge) {
      edge.classList.remove('hedgerow-network__edge--lit', 'hedgerow-network__edge--faded')
    })
  }

  function toggle (id) {
    var box = document.querySelector('input[name="remove"][value="' + id + '"]')
    if (!box) { return }
    box.checked = !box.checked
    nodes[id].setAttribute('aria-pressed', box.checked ? 'true' : 'false')
    nodes[id].classList.toggle('hedgerow-network__node--removed', box.checked)
    say(box.checked ? 'data-text-added' : 'data-text-dropped', id, 0)
  }

  function move (id, by) {
    var list = neighbours(id)
    if (!list.length) { return }
    step[id] = ((step[id] === undefined ? (by > 0 ? -1 : 0) : step[id]) + by + list.length) % list.length
    nodes[list[step[id]]].focus()
  }

  order.forEach(function (id) {
    var element = nodes[id]
    element.addEventListener('focus', function () { light(id) })
    element.addEventListener('mouseenter', function () { light(id) })
    element.addEventListener('blur', clear)
    element.addEventListener('mouseleave', function () {
      if (document.activeElement !== element) { clear() }
    })
    element.addEventListener('click', function () { element.focus(); toggle(id) })
    element.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowRight' || event.key === 'ArrowDown') {
        move(id, 1)
      } else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') {
        move(id, -1)
      } else if (event.key === 'Enter' || event.key === ' ') {
        toggle(id)
      } else if (event.key === 'Escape') {
        element.blur()
      } else {
        return
      }
      event.preventDefault()
    })
  })
})()
